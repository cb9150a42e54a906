using System.Text;
using Gongzhi.Platform.PersonalData;

namespace Gongzhi.Modules.Participation.Residence;

/// <summary>
/// Which residents share a household: those whose declared home is the same address in the same community. The key is a
/// keyed hash, so a ballot's list of households that voted shows no address. Two ways of typing one address (full-width
/// digits, spaces, a dash) give one key; a different wording ("三栋" for "3栋") does not, which is why staff read the
/// address when they verify a residence.
/// </summary>
public static class Households
{
    /// <summary>The key of the household at <paramref name="address"/> in <paramref name="communityCode"/>.</summary>
    public static string Key(PersonalDataProtector protector, string communityCode, string address) =>
        protector.Hash($"household|{communityCode}|{NormalizeAddress(address)}");

    /// <summary>Full-width forms folded (NFKC), letters lower-cased, spaces and punctuation dropped.</summary>
    public static string NormalizeAddress(string address)
    {
        var folded = address.Normalize(NormalizationForm.FormKC);
        var text = new StringBuilder(folded.Length);
        foreach (var c in folded)
        {
            if (char.IsLetterOrDigit(c))
            {
                text.Append(char.ToLowerInvariant(c));
            }
        }
        return text.ToString();
    }
}
