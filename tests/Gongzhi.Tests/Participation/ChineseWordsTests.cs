using Gongzhi.Modules.Participation.Surveys;

namespace Gongzhi.Tests.Participation;

public sealed class ChineseWordsTests
{
    [Fact]
    public void MostFrequent_KeepsTheLongestSharedRun_CountsEachAnswerOnce_AndSkipsParticles()
    {
        var words = ChineseWords.MostFrequent(["停车位太少，停车位太贵", "希望增加停车位", "充电桩不够", "增加充电桩和停车位", "我的意见"], 5);

        Assert.Equal(new WordCount("停车位", 3), words[0]);
        Assert.Contains(new WordCount("充电桩", 2), words);
        Assert.Contains(new WordCount("增加", 2), words);
        // 停车 and 车位 occur only inside 停车位: no words of their own.
        Assert.DoesNotContain(words, w => w.Word is "停车" or "车位");
        Assert.DoesNotContain(words, w => w.Word.StartsWith('的') || w.Word.EndsWith('的'));
    }

    [Fact]
    public void MostFrequent_WithNothingShared_IsEmpty() =>
        Assert.Empty(ChineseWords.MostFrequent(["路灯坏了", "垃圾没人收"], 5));
}
