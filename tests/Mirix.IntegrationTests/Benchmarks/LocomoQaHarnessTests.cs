using System.Text.Json.Nodes;
using Mirix.Benchmarks;
using Mirix.ScriptedLlm;

namespace Mirix.IntegrationTests.Benchmarks;

/// <summary>The LoCoMo QA harness's plumbing on the scripted model: sessions through the agents, retrieval, reader and judge.</summary>
public sealed class LocomoQaHarnessTests
{
    [Fact]
    public async Task The_harness_adds_sessions_answers_and_judges_every_question()
    {
        await using var llm = await ScriptedLlmServer.StartAsync();
        LocomoQaBenchmark.ScriptJudge(llm);
        var data = Path.Combine(Directory.CreateTempSubdirectory("locomo-qa-").FullName, "locomo.json");
        await File.WriteAllTextAsync(data, Fixture);

        var result = await LocomoQaBenchmark.RunHarnessAsync(new LocomoQaBenchmark.Options(
            llm.BaseUrl, "scripted-model", null, "scripted-model", "scripted-model", data, Conversations: 1, Sessions: 2, Questions: 5));

        Assert.Equal(2, result.SessionsAdded);
        Assert.True(result.IngestCalls >= 2, $"{result.IngestCalls} LLM calls for two sessions");
        Assert.Equal(5, result.Questions.Count);
        Assert.All(result.Questions, q =>
        {
            // The harness counts the server's calls on a process-wide meter, which other tests' hosts share: at least 2.
            Assert.True(q.AnswerCalls >= 2, $"{q.AnswerCalls} calls to answer");
            Assert.Equal("llm", q.RetrievalMethod);
            Assert.True(q.AnswerMs >= q.RetrieveMs);
        });
        // This test's own model server saw exactly one topic extraction and one reader call per question.
        Assert.Equal(5, llm.Calls.Count(c => c.Tools.Contains(ScriptedAnswers.TopicTool)));
        Assert.Equal(5, llm.Calls.Count(c => c.System.Contains("You answer questions about a long conversation", StringComparison.Ordinal)));
        var judged = llm.Calls.Where(c => c.System.Contains("You grade answers", StringComparison.Ordinal)).ToList();
        Assert.Equal(5, judged.Count);
        Assert.Equal(judged.Count(c => c.LastUser.Length % 2 == 0), result.Questions.Count(q => q.Correct));
    }

    /// <summary>A conversation in LoCoMo's format (our own lines): two sessions, five questions of categories 1-4 and one of 5.</summary>
    private const string Fixture = """
        [{"sample_id": "conv-test",
          "conversation": {"speaker_a": "Rita", "speaker_b": "Tom",
            "session_1_date_time": "1:56 pm on 8 May, 2023",
            "session_1": [{"speaker": "Rita", "dia_id": "D1:1", "text": "I started pottery classes yesterday, my teacher Ana is great."},
                          {"speaker": "Tom", "dia_id": "D1:2", "text": "Nice! I am training for the Porto marathon today."}],
            "session_2_date_time": "10:15 am on 20 May, 2023",
            "session_2": [{"speaker": "Rita", "dia_id": "D2:1", "text": "My sister Ines visited Lisbon last week.", "blip_caption": "a photo of a tram"}]},
          "qa": [{"question": "When did Rita start pottery?", "answer": "7 May 2023", "evidence": ["D1:1"], "category": 2},
                 {"question": "Who teaches Rita pottery?", "answer": "Ana", "evidence": ["D1:1"], "category": 4},
                 {"question": "Which marathon is Tom training for?", "answer": "Porto", "evidence": ["D1:2"], "category": 4},
                 {"question": "Where did Ines go?", "answer": "Lisbon", "evidence": ["D2:1"], "category": 1},
                 {"question": "What might Rita enjoy?", "answer": "crafts", "evidence": ["D1:1"], "category": 3},
                 {"question": "Did Tom win the marathon?", "adversarial_answer": "yes", "evidence": [], "category": 5}]}]
        """;

    [Fact]
    public void Retrieved_memories_become_dated_lines_for_the_reader_and_verdicts_are_read_strictly()
    {
        var memories = JsonNode.Parse("""
            {"episodic": {"recent": [{"id": "e1", "timestamp": "2023-05-07T10:00:00Z", "summary": "Support group", "details": "Caroline went"}],
                          "relevant": [{"id": "e1", "timestamp": "2023-05-07T10:00:00Z", "summary": "Support group", "details": "Caroline went"}]},
             "semantic": {"items": [{"id": "s1", "name": "Caroline", "summary": "Friend of Melanie", "details": ""}]},
             "core": {"scopes": {"qa": {"items": [{"id": "b1", "label": "human", "value": "Likes painting"}, {"id": "b2", "label": "persona", "value": ""}]}}}}
            """)!;

        var lines = LocomoQaBenchmark.Context(memories).Split('\n');

        Assert.Equal(["[2023-05-07] Support group Caroline went", "[fact] Caroline: Friend of Melanie ", "[human] Likes painting"], lines);
        Assert.True(LocomoQaPrompts.IsCorrect(" correct."));
        Assert.False(LocomoQaPrompts.IsCorrect("WRONG"));
        Assert.False(LocomoQaPrompts.IsCorrect("It is CORRECT"));
    }
}
