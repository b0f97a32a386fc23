using Mirix.Agents.Tools;
using Mirix.Core.Domain;
using Mirix.Core.Memory;

namespace Mirix.Agents.Tests;

public sealed class DuplicateJudgeTests
{
    private static SemanticItem Semantic(string id, string name, string summary, string details = "") =>
        new() { Id = id, OrganizationId = "o", UserId = "u", Name = name, Summary = summary, Details = details };

    private static EpisodicEvent Event(string id, string details, DateTime at) =>
        new() { Id = id, OrganizationId = "o", UserId = "u", Summary = details, Details = details, OccurredAt = at };

    [Fact]
    public void The_same_text_up_to_case_spacing_and_end_punctuation_is_a_duplicate()
    {
        var stored = Semantic("sem-1", "Ana", "Ana's birthday is 3 May.");
        var verdict = DuplicateJudge.Judge(MemoryKinds.Semantic, Semantic("new", " ana", "ana's  BIRTHDAY is 3 may!"), [(stored, 0.7)]);
        Assert.Equal(DuplicateVerdict.Duplicate, verdict.Verdict);
        Assert.Same(stored, verdict.Match);
    }

    [Fact]
    public void Near_identical_text_is_a_duplicate_and_the_band_below_is_left_to_the_model()
    {
        var stored = Semantic("sem-1", "Porto", "City in Portugal");
        Assert.Equal(DuplicateVerdict.Duplicate, DuplicateJudge.Judge(MemoryKinds.Semantic, Semantic("n", "Oporto", "A city in Portugal"), [(stored, 0.97)]).Verdict);
        Assert.Equal(DuplicateVerdict.Ambiguous, DuplicateJudge.Judge(MemoryKinds.Semantic, Semantic("n", "Oporto", "Portuguese port city"), [(stored, 0.85)]).Verdict);
        Assert.Equal(DuplicateVerdict.New, DuplicateJudge.Judge(MemoryKinds.Semantic, Semantic("n", "Lisbon", "Capital of Portugal"), [(stored, 0.6)]).Verdict);
    }

    [Fact]
    public void The_same_name_with_other_content_is_ambiguous()
    {
        var stored = Semantic("sem-1", "Ana", "User's sister");
        var verdict = DuplicateJudge.Judge(MemoryKinds.Semantic, Semantic("n", "ANA", "Works as a pilot"), [(stored, 0.3)]);
        Assert.Equal(DuplicateVerdict.Ambiguous, verdict.Verdict);
    }

    [Fact]
    public void Events_of_other_days_and_vault_entries_with_other_values_are_never_duplicates_by_similarity()
    {
        var monday = Event("ep-1", "Went running in the park", new DateTime(2026, 5, 4, 8, 0, 0, DateTimeKind.Utc));
        var tuesday = Event("n", "Went for a run in the park", new DateTime(2026, 5, 5, 8, 0, 0, DateTimeKind.Utc));
        Assert.Equal(DuplicateVerdict.New, DuplicateJudge.Judge(MemoryKinds.Episodic, tuesday, [(monday, 0.99)]).Verdict);

        KnowledgeVaultItem Phone(string id, string value) => new() { Id = id, OrganizationId = "o", UserId = "u", EntryType = "phone", SecretValue = value, Caption = "Dentist phone" };
        var stored = Phone("kv-1", "555 0100");
        Assert.Equal(DuplicateVerdict.New, DuplicateJudge.Judge(MemoryKinds.KnowledgeVault, Phone("n", "555 0199"), [(stored, 0.99)]).Verdict);
        Assert.Equal(DuplicateVerdict.Duplicate, DuplicateJudge.Judge(MemoryKinds.KnowledgeVault, Phone("n", "555 0100 "), [(stored, 0.96)]).Verdict);
    }
}
