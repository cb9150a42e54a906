using System.Xml.Linq;

namespace Gongzhi.Browser.Tests;

/// <summary>Every UI string exists in both languages, so no page falls back to a bare resource key.</summary>
public sealed class LocalizationTests
{
    [Fact]
    public void ChineseAndEnglishResources_HaveTheSameKeys_AndNoEmptyValues()
    {
        var chinese = Strings("SharedResource.resx");
        var english = Strings("SharedResource.en.resx");

        Assert.Empty(chinese.Keys.Except(english.Keys));
        Assert.Empty(english.Keys.Except(chinese.Keys));
        Assert.DoesNotContain(chinese.Concat(english), s => string.IsNullOrWhiteSpace(s.Value));
    }

    private static Dictionary<string, string> Strings(string file)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Gongzhi.slnx")))
        {
            directory = directory.Parent;
        }
        Assert.NotNull(directory);
        var document = XDocument.Load(Path.Combine(directory.FullName, "src", "Gongzhi", "Resources", file));
        return document.Root!.Elements("data").ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "");
    }
}
