using System.Text;

namespace Gongzhi.Modules.Participation.Surveys;

/// <summary>
/// The words that come back most often in free-text answers, without a dictionary: Chinese is written without spaces, so
/// the candidates are the runs of two to four characters that several answers share, and a run is kept over its parts
/// when it occurs as often as they do (停车位 rather than 停车 and 车位). Runs that begin or end with a particle or a
/// pronoun (的, 了, 我 …) are not words people group by.
/// </summary>
/// <remarks>
/// A segmenter such as jieba.NET would split more exactly, but the one served ships assemblies for .NET Framework only and
/// a dictionary to deploy beside the app; for grouping a community's answers the shared runs are enough.
/// </remarks>
public static class ChineseWords
{
    private const int MinLength = 2;
    private const int MaxLength = 4;

    private static readonly HashSet<char> Particles = [.. "的了是在和与及也很都就还又吗呢吧啊呀哦我你他她它们这那哪有个些把被让给对从到为而但或"];

    /// <summary>The <paramref name="top"/> words shared by the most answers (each answer counts a word once), with those counts.</summary>
    public static IReadOnlyList<WordCount> MostFrequent(IEnumerable<string> texts, int top)
    {
        var shared = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var text in texts)
        {
            foreach (var word in Candidates(text).ToHashSet(StringComparer.Ordinal))
            {
                shared[word] = shared.GetValueOrDefault(word) + 1;
            }
        }
        var frequent = shared.Where(w => w.Value >= 2).ToDictionary(w => w.Key, w => w.Value, StringComparer.Ordinal);
        // A part of a longer run that every one of its answers shares is not a word of its own.
        var words = frequent.Where(w => !frequent.Any(longer => longer.Key.Length > w.Key.Length && longer.Value == w.Value
            && longer.Key.Contains(w.Key, StringComparison.Ordinal)));
        return words.OrderByDescending(w => w.Value).ThenByDescending(w => w.Key.Length).ThenBy(w => w.Key, StringComparer.Ordinal)
            .Take(top).Select(w => new WordCount(w.Key, w.Value)).ToList();
    }

    private static IEnumerable<string> Candidates(string text)
    {
        foreach (var run in Runs(text))
        {
            if (!IsChinese(run[0]))
            {
                // Latin words and numbers (e.g. "WiFi", "5G") are words as they are.
                if (run.Length >= MinLength)
                {
                    yield return run.ToLowerInvariant();
                }
                continue;
            }
            for (var length = MinLength; length <= MaxLength; length++)
            {
                for (var start = 0; start + length <= run.Length; start++)
                {
                    if (!Particles.Contains(run[start]) && !Particles.Contains(run[start + length - 1]))
                    {
                        yield return run.Substring(start, length);
                    }
                }
            }
        }
    }

    /// <summary>Runs of Chinese characters, and runs of letters and digits, split at everything else.</summary>
    private static IEnumerable<string> Runs(string text)
    {
        var run = new StringBuilder();
        bool? chinese = null;
        foreach (var c in text)
        {
            var kind = IsChinese(c) ? true : char.IsAsciiLetterOrDigit(c) ? false : (bool?)null;
            if (kind != chinese && run.Length > 0)
            {
                yield return run.ToString();
                run.Clear();
            }
            chinese = kind;
            if (kind is not null)
            {
                run.Append(c);
            }
        }
        if (run.Length > 0)
        {
            yield return run.ToString();
        }
    }

    private static bool IsChinese(char c) => c is >= '\u4e00' and <= '\u9fff';
}
