using System.Globalization;

namespace Gongzhi.Platform.PersonalData;

/// <summary>
/// Masks for personal data shown by default (PIPL): only a viewer with a stated need sees the full value,
/// and that reveal is audited (<see cref="RevealLog"/>).
/// </summary>
public static class Masks
{
    /// <summary><c>13812341234</c> → <c>138****1234</c>; shorter numbers keep only their last two digits.</summary>
    public static string? Phone(string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone))
        {
            return phone;
        }
        var digits = phone.Count(char.IsAsciiDigit);
        var (keepHead, keepTail) = digits >= 7 ? (3, 4) : (0, Math.Min(2, digits / 2));
        var seen = 0;
        var masked = phone.Trim().Select(c =>
        {
            if (!char.IsAsciiDigit(c))
            {
                return c;
            }
            seen++;
            return seen <= keepHead || seen > digits - keepTail ? c : '*';
        });
        return new string(masked.ToArray());
    }

    /// <summary><c>张三</c> → <c>张*</c>, <c>欧阳娜娜</c> → <c>欧***</c>: the first character only.</summary>
    public static string? Name(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return name;
        }
        var text = name.Trim();
        var elements = StringInfo.GetTextElementEnumerator(text);
        var count = 0;
        var first = "";
        while (elements.MoveNext())
        {
            if (count == 0)
            {
                first = elements.GetTextElement();
            }
            count++;
        }
        return count == 1 ? "*" : first + new string('*', count - 1);
    }
}
