using System.Text.RegularExpressions;

namespace Gongzhi.Tests.Architecture;

/// <summary>
/// A message meant for a person (a field's error, a problem's detail, a refusal) comes from the resource files, so that
/// it reads in the caller's language only: an English sentence written into the code reaches a Chinese user as is.
/// </summary>
public sealed partial class MessageLanguageTests
{
    [Fact]
    public void EveryMessageToAPerson_ComesFromTheResources()
    {
        var written = MessagesWrittenInCode(Path.Combine(ArchitectureTests.FindRoot(), "src", "Gongzhi")).ToList();

        Assert.True(written.Count == 0, "Messages written into the code instead of a resource file:\n" + string.Join("\n", written));
    }

    [Fact]
    public void AnEnglishSentenceInAFieldErrorOrARefusal_IsFound_AResourceLookupIsNot()
    {
        var folder = Directory.CreateTempSubdirectory("gongzhi-messages-");
        try
        {
            File.WriteAllText(Path.Combine(folder.FullName, "Written.cs"), """
                class Written
                {
                    void A() => errors["name"] = ["An organisation needs a name."];
                    void B() => throw new RuleViolationException($"{code} is closed.");
                    IResult C() => TypedResults.Problem(statusCode: 404, detail: $"There is no jurisdiction {code}.");
                    void D() => throw FieldValidationException.Field("q", "Too long.");
                    void E() => throw new RuleViolationException($"{string.Join("、", codes)} must be active.");
                }
                """);
            File.WriteAllText(Path.Combine(folder.FullName, "Looked.cs"), """
                class Looked
                {
                    void A() => errors["name"] = [OrganisationsText.Get("Name.Required")];
                    void B() => throw new RuleViolationException(CasesText.Format("Closed", code));
                    void C() => errors["code"] = ["Organisations.CodeTaken"];
                    void D() => throw new InvalidOperationException("A programmer's mistake, for the log.");
                }
                """);

            Assert.Equal(["Written.cs:3", "Written.cs:4", "Written.cs:5", "Written.cs:6", "Written.cs:7"], MessagesWrittenInCode(folder.FullName));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>
    /// Lines that write an English sentence where a person reads it: a validation entry (<c>["field"] = ["…"]</c>), a
    /// problem's detail, the message of a refusal the API or a page shows, as <c>path:line</c>. Exceptions for programmers
    /// (InvalidOperationException and the like) go to the log and may be English.
    /// </summary>
    private static IEnumerable<string> MessagesWrittenInCode(string folder)
    {
        foreach (var file in ArchitectureTests.SourceFiles(folder)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}Migrations{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
        {
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                if (WrittenMessage().Matches(lines[i]).Any(m => IsSentence(m.Groups["text"].Value)))
                {
                    yield return $"{Path.GetRelativePath(folder, file).Replace('\\', '/')}:{i + 1}";
                }
            }
        }
    }

    /// <summary>Two words of Latin letters outside the interpolation holes (a hole may hold quotes of its own, as in
    /// <c>{string.Join("、", codes)}</c>, and the text goes on after it): a file name and a looked-up message are not a sentence.</summary>
    private static bool IsSentence(string text) => EnglishWords().IsMatch(Holes().Replace(text, ""));

    [GeneratedRegex(@"(?:\]\s*=\s*\[\s*|detail:\s*|(?:RuleViolation|ScopeViolation|PhotoRejected|ActionForbidden|RecordNotFound|NotReady)Exception\(\s*|FieldValidationException\.Field\([^,]+,\s*)\$?""(?<text>(?:\{[^{}\r\n]*\}|[^""\\{]|\\.|\{)*)""")]
    private static partial Regex WrittenMessage();

    [GeneratedRegex(@"\{[^{}]*\}")]
    private static partial Regex Holes();

    [GeneratedRegex(@"[A-Za-z]{2,}[ ,;:']+[A-Za-z]{2,}")]
    private static partial Regex EnglishWords();
}
