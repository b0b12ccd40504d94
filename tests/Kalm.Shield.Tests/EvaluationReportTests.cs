using Kalm.Shield.Evaluation;

namespace Kalm.Shield.Tests;

public class EvaluationReportTests
{
    private static (LabelledMessage, Analysis) Pair(Severity expected, Category[] expectedCategories, Severity predicted, Category[] predictedCategories) =>
        (new LabelledMessage("id", "text", "nl", expected, expectedCategories),
         new Analysis { Severity = predicted, Categories = predictedCategories, Spans = [], Masked = "text", Score = 0 });

    [Fact]
    public void Metrics_follow_a_known_confusion()
    {
        var report = EvaluationReport.Compute(
        [
            Pair(Severity.Abusive, [Category.Insult], Severity.Abusive, [Category.Insult]),
            Pair(Severity.Abusive, [Category.Insult], Severity.Rude, [Category.Profanity]),
            Pair(Severity.Threat, [Category.Threat], Severity.Abusive, [Category.Insult]),
            Pair(Severity.None, [], Severity.Abusive, [Category.Insult]),
            Pair(Severity.None, [], Severity.None, []),
        ]);

        Assert.Equal(5, report.Count);
        Assert.Equal(0.4, report.SeverityAccuracy, 10);

        // insult: TP 1, FP 2 (threat and none rows), FN 1.
        var insult = report.Categories[Category.Insult];
        Assert.Equal(new ClassMetrics(1, 2, 1), insult);
        Assert.Equal(1.0 / 3, insult.Precision, 10);
        Assert.Equal(0.5, insult.Recall, 10);
        Assert.Equal(0.4, insult.F1, 10);

        // Hostile: labelled 3, predicted 3, of which 2 agree.
        Assert.Equal(new ClassMetrics(2, 1, 1), report.Hostile);

        Assert.Equal(1, report.Confusion(Severity.Abusive, Severity.Rude));
        Assert.Equal(1, report.Confusion(Severity.Threat, Severity.Abusive));
        Assert.Equal(0, report.Confusion(Severity.Threat, Severity.Threat));
        Assert.Equal(new ClassMetrics(0, 0, 1), report.Severities[Severity.Threat]);
        Assert.Equal(3, report.Misjudgements.Count);

        // Observed categories: insult 0.4, profanity 0 (FP only), threat 0 (FN only); the rest are left out.
        Assert.Equal(0.4 / 3, report.CategoryMacroF1, 10);
    }

    [Fact]
    public void Groups_break_the_figures_down()
    {
        static (LabelledMessage, Analysis) InGroup(string? group, Severity expected, Severity predicted) =>
            (new LabelledMessage("id", "text", "en", expected, [], group),
             new Analysis { Severity = predicted, Categories = [], Spans = [], Masked = "text", Score = 0 });

        var report = EvaluationReport.Compute(
        [
            InGroup("slur_h", Severity.Abusive, Severity.Abusive),
            InGroup("slur_h", Severity.Abusive, Severity.Threat),
            InGroup("slur_h", Severity.Abusive, Severity.None),
            InGroup("profanity_nh", Severity.Rude, Severity.Rude),
            InGroup(null, Severity.None, Severity.Abusive),
        ]);

        Assert.Equal(["profanity_nh", "slur_h"], report.Groups.Keys);
        Assert.Equal(new GroupMetrics(3, 1, 2), report.Groups["slur_h"]);
        Assert.Equal(2.0 / 3, report.Groups["slur_h"].HostileAccuracy, 10);
        Assert.Equal(1, report.Groups["profanity_nh"].SeverityAccuracy);
    }

    [Fact]
    public void Empty_input_gives_zeros_not_NaN()
    {
        var report = EvaluationReport.Compute([]);

        Assert.Equal(0, report.SeverityAccuracy);
        Assert.Equal(0, report.CategoryMacroF1);
        Assert.Equal(0, report.Hostile.F1);
    }

    [Fact]
    public void Labelled_set_reader_reads_names_and_rejects_bad_lines_with_their_number()
    {
        var messages = LabelledSetReader.Read(new StringReader(
            """
            {"id":"a","text":"Kanker op","lang":"nl","severity":"abusive","categories":["disease_curse","insult"]}

            {"id":7,"text":"Hoi","severity":"none"}
            """));

        Assert.Equal(2, messages.Count);
        Assert.Equal(new[] { Category.DiseaseCurse, Category.Insult }, messages[0].Categories);
        Assert.Equal("7", messages[1].Id);
        Assert.Null(messages[1].Language);
        Assert.Empty(messages[1].Categories);

        var unknown = Assert.Throws<FormatException>(() => LabelledSetReader.Read(new StringReader(
            "{\"text\":\"a\",\"severity\":\"none\"}\n{\"text\":\"b\",\"severity\":\"furious\"}")));
        Assert.Contains("line 2", unknown.Message);
        Assert.Throws<FormatException>(() => LabelledSetReader.Read(new StringReader("{\"text\":\"a\",\"severity\":\"none\",\"categories\":[\"rudeness\"]}")));
        Assert.Throws<FormatException>(() => LabelledSetReader.Read(new StringReader("{\"text\":\"a\"")));
    }

    [Fact]
    public void HateCheck_reader_handles_quoted_fields_and_maps_labels()
    {
        var csv = """
            ,functionality,case_id,test_case,label_gold,target_ident
            0,derog_neg_emote_h,1,"I hate women, all of them. ",hateful,women
            1,threat_dir_h,2,"I will ""hurt"" them
            all",hateful,gay people
            2,target_indiv_nh,3,You are a disgrace.,non-hateful,
            3,profanity_nh,4,"Fuck, what a day",non-hateful,
            4,counter_quote_nh,5,"Saying ""I hate women"" is wrong",non-hateful,women
            """;

        var messages = HateCheckReader.Read(new StringReader(csv));

        Assert.Equal(5, messages.Count);
        Assert.Equal("I hate women, all of them.", messages[0].Text);
        AssertLabel(messages[0], Severity.Abusive, Category.Discrimination);
        Assert.Equal("I will \"hurt\" them\nall", messages[1].Text);
        Assert.Equal(Severity.Threat, messages[1].Severity);
        Assert.Contains(Category.Threat, messages[1].Categories);
        AssertLabel(messages[2], Severity.Abusive, Category.Insult);
        AssertLabel(messages[3], Severity.Rude, Category.Profanity);
        Assert.Equal("Saying \"I hate women\" is wrong", messages[4].Text);
        Assert.Equal(Severity.None, messages[4].Severity);
        Assert.All(messages, m => Assert.Equal("en", m.Language));
        Assert.Equal("threat_dir_h", messages[1].Group);
    }

    private static void AssertLabel(LabelledMessage message, Severity severity, params Category[] categories)
    {
        Assert.Equal(severity, message.Severity);
        Assert.Equal(categories, message.Categories);
    }

    [Fact]
    public void HateCheck_reader_rejects_a_file_without_the_label_column()
    {
        var error = Assert.Throws<FormatException>(() => HateCheckReader.Read(new StringReader("functionality,case_id,test_case\nx,1,hi\n")));
        Assert.Contains("label_gold", error.Message);
    }
}
