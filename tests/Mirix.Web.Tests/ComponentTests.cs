using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.FluentUI.AspNetCore.Components;
using Mirix.Contracts;
using Mirix.Web.Components.Common;

namespace Mirix.Web.Tests;

/// <summary>The browser's small components, rendered by bUnit.</summary>
public sealed class ComponentTests : BunitContext
{
    public ComponentTests()
    {
        Services.AddFluentUIComponents();
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    private static KnowledgeVaultView Vault(string value, string sensitivity) =>
        new("kv_1", "number", "user", sensitivity, value, "Ana's phone", null, [], null, DateTime.UtcNow, DateTime.UtcNow);

    [Fact]
    public void A_vault_value_is_masked_until_revealed_and_hidden_again()
    {
        var cut = Render<SecretValue>(p => p.Add(s => s.Item, Vault("555-0101", "medium")));

        Assert.DoesNotContain("555-0101", cut.Markup, StringComparison.Ordinal);
        cut.Find("fluent-button[aria-label=\"Reveal Ana's phone\"]").Click();
        Assert.Contains("555-0101", cut.Find(".secret.revealed").TextContent, StringComparison.Ordinal);
        cut.Find("fluent-button[aria-label=\"Hide Ana's phone\"]").Click();
        Assert.DoesNotContain("555-0101", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void A_high_sensitivity_value_offers_nothing_to_reveal()
    {
        var cut = Render<SecretValue>(p => p.Add(s => s.Item, Vault(KnowledgeVaultView.Redacted, "high")));

        Assert.Contains("Hidden (high sensitivity)", cut.Markup, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("fluent-button"));
    }

    [Fact]
    public void Delete_asks_twice_and_only_the_confirmation_deletes()
    {
        (string Type, string Id)? deleted = null;
        var cut = Render<MemoryActions>(p => p
            .Add(a => a.Id, "sem_1").Add(a => a.Type, "semantic")
            .Add(a => a.OnDelete, ((string Type, string Id) m) => deleted = m));

        cut.Find("fluent-button[aria-label=\"Delete sem_1\"]").Click();
        Assert.Null(deleted);
        cut.Find("fluent-button[aria-label=\"Confirm delete sem_1\"]").Click();
        Assert.Equal(("semantic", "sem_1"), deleted);
    }

    [Fact]
    public void Only_failed_and_dead_lettered_operations_offer_a_replay()
    {
        static OperationView Operation(string id, string status) =>
            new(id, status, "in_process", "agents", "alice", null, "client-1", 1, 2, 2, status == "succeeded" ? null : "model failed", null, DateTime.UtcNow, null, null, DateTime.UtcNow, null);
        OperationView? replayed = null;
        var cut = Render<OperationTable>(p => p
            .Add(t => t.Operations, [Operation("op-1", "succeeded"), Operation("op-2", "dead_lettered"), Operation("op-3", "failed")])
            .Add(t => t.OnReplay, (OperationView o) => replayed = o));

        Assert.Equal(["Replay op-2", "Replay op-3"], cut.FindAll("fluent-button").Select(b => b.GetAttribute("aria-label")));
        cut.Find("fluent-button[aria-label=\"Replay op-2\"]").Click();
        Assert.Equal("op-2", replayed!.Id);
    }
}
