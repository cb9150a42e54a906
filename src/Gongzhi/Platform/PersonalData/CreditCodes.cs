namespace Gongzhi.Platform.PersonalData;

/// <summary>
/// 统一社会信用代码 (GB 32100-2015): eighteen characters from the code set of digits and capital letters
/// without I, O, Z, S and V; the last is a check character, MOD 31 over weights 3^i mod 31.
/// </summary>
public static class CreditCodes
{
    private const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    public static string Normalize(string? value) =>
        value is null ? "" : new string(value.Where(c => !char.IsWhiteSpace(c) && c != '-').Select(char.ToUpperInvariant).ToArray());

    public static bool IsValid(string? value)
    {
        var code = Normalize(value);
        if (code.Length != 18 || code.Any(c => Alphabet.IndexOf(c) < 0))
        {
            return false;
        }
        // Letters may stand anywhere in the first seventeen (the embedded organisation code has them too),
        // so the alphabet and the check character are what can be tested without the registers.
        return code[17] == CheckCharacter(code);
    }

    public static char CheckCharacter(string code)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += Alphabet.IndexOf(code[i]) * Weights[i];
        }
        return Alphabet[(31 - sum % 31) % 31];
    }
}
