using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Mirix.IntegrationTests.Agents;
using Mirix.IntegrationTests.Api;
using Mirix.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Mirix.ScriptedLlm;
using static Microsoft.Playwright.Assertions;

namespace Mirix.IntegrationTests.Web;

/// <summary>
/// The Api on Kestrel with the scripted model, for the memory browser to reach over real sockets. Its clock can be moved
/// forward (timers keep real time), so a signed-in browser's token can expire.
/// </summary>
public sealed class BrowserApiFactory : AgentApiFactory
{
    public BrowserApiFactory() : base(StorageTarget.Sqlite) => UseKestrel(0);

    public ShiftedTimeProvider Clock { get; } = new();

    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(Clock));
    }
}

/// <summary>The system clock plus an offset the test sets; delays and timers run in real time.</summary>
public sealed class ShiftedTimeProvider : TimeProvider
{
    public TimeSpan Offset { get; set; }

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;
}

/// <summary>
/// The memory browser end to end: Mirix.Web as a process in front of a real Api, driven by Playwright in Debian's
/// Chromium. Screenshots are written beside the test binaries (and into docs/images with MIRIX_UPDATE_SCREENSHOTS=1).
/// </summary>
public sealed partial class MemoryBrowserTests(BrowserApiFactory api) : IClassFixture<BrowserApiFactory>, IAsyncLifetime
{
    private const string OperatorEmail = "operator@example.com";
    private const string OperatorPassword = "operator-password";
    private WebAppProcess? _web;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    private string Web => _web!.Address.ToString().TrimEnd('/');

    public async Task InitializeAsync()
    {
        await api.Tenants.OperatorTokenAsync(); // the operator account the browser signs in with
        using var probe = api.CreateClient();
        _web = await WebAppProcess.StartAsync(probe.BaseAddress!);
        // A page only redirects or fills once its circuit has connected and read the tab's storage; with the suite
        // sharing two cores that took over Playwright's 5 s default once, so each expectation may wait 30 s.
        SetDefaultExpectTimeout(30_000);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }
        _playwright?.Dispose();
        if (_web is not null)
        {
            await _web.DisposeAsync();
        }
    }

    [Fact]
    public async Task An_operator_signs_in_browses_searches_deletes_and_manages_keys()
    {
        var org = await api.Tenants.CreateOrganizationAsync("browser");
        using var tenant = await api.Tenants.CreateClientAsync(org, "notes", "notes");
        await tenant.Http.PostJsonAsync("/users/create_or_get", new { user_id = "alice", name = "Alice" });
        var facts = (await tenant.Http.PostJsonAsync("/memory/semantic", new
        {
            user_id = "alice",
            items = new object[]
            {
                new { name = "Ana", summary = "Alice's sister, lives in Porto", details = "Ana teaches piano in Porto." },
                new { name = "Bruno", summary = "A colleague from Lisbon", details = "Bruno plays chess." },
            },
        }))!["memories"]!.AsArray();
        var bruno = facts.Single(f => f!["name"]!.GetValue<string>() == "Bruno")!["id"]!.GetValue<string>();
        var ana = facts.Single(f => f!["name"]!.GetValue<string>() == "Ana")!["id"]!.GetValue<string>();
        await tenant.Http.PostJsonAsync("/memory/knowledge_vault", new
        {
            user_id = "alice",
            items = new object[]
            {
                new { entry_type = "credential", source = "user", sensitivity = "high", secret_value = "hunter2-high", caption = "Bank PIN" },
                new { entry_type = "number", source = "user", sensitivity = "medium", secret_value = "555-0101", caption = "Ana's phone" },
            },
        });
        var page = await _browser!.NewPageAsync(new() { ViewportSize = new() { Width = 1360, Height = 900 } });

        // Signing in returns to the page that asked for it.
        await page.GotoAsync(Web + "/memories");
        await Expect(page).ToHaveURLAsync(SignInForMemories());
        await page.Locator("#email").Locator("input").FillAsync(OperatorEmail);
        await page.Locator("#password").Locator("input").FillAsync(OperatorPassword);
        await page.Locator("#submit").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/memories$"));

        // Pick the client and the user; the facts tab lists both facts.
        await page.Locator("#client-picker").SelectOptionAsync(tenant.ClientId);
        await Expect(page.Locator("#user-picker option[value=alice]")).ToHaveCountAsync(1);
        await page.Locator("#user-picker").SelectOptionAsync("alice");
        await page.GetByRole(AriaRole.Tab, new() { Name = "Facts (2)" }).ClickAsync();
        await Expect(page.GetByText("Alice's sister, lives in Porto")).ToBeVisibleAsync();
        await Screenshot(page, "memories");

        // Delete asks twice, then the fact is gone from the page and from the server.
        await page.GetByRole(AriaRole.Button, new() { Name = $"Delete {bruno}" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = $"Confirm delete {bruno}" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Tab, new() { Name = "Facts (1)" })).ToBeVisibleAsync();
        await Expect(page.GetByText("A colleague from Lisbon")).ToHaveCountAsync(0);
        var left = (await tenant.Http.GetJsonAsync("/memory/components?user_id=alice&memory_type=semantic"))!["memories"]!["semantic"]!["total_count"]!.GetValue<int>();
        Assert.Equal(1, left);

        // The vault masks values until revealed; a high-sensitivity value never reaches the page.
        await page.GetByRole(AriaRole.Tab, new() { Name = "Knowledge vault (2)" }).ClickAsync();
        await Expect(page.GetByText("Hidden (high sensitivity)")).ToBeVisibleAsync();
        await Expect(page.GetByText("555-0101")).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Button, new() { Name = "Reveal Ana's phone" }).ClickAsync();
        await Expect(page.GetByText("555-0101")).ToBeVisibleAsync();
        Assert.DoesNotContain("hunter2-high", await page.ContentAsync(), StringComparison.Ordinal);

        // The tags filter asks the Api; what it refuses is said on the page.
        await page.Locator("#tags").Locator("input").FillAsync("{\"topic\": \"none\"}");
        await page.Locator("#apply-tags").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Tab, new() { Name = "Facts (0)" })).ToBeVisibleAsync();
        await page.Locator("#tags").Locator("input").FillAsync("{\"topic\": {\"$regex\": \"x\"}}");
        await page.Locator("#apply-tags").ClickAsync();
        await Expect(page.Locator(".problem")).ToContainTextAsync("$regex");
        await page.Locator("#tags").Locator("input").FillAsync("");
        await page.Locator("#apply-tags").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Tab, new() { Name = "Facts (1)" })).ToBeVisibleAsync();

        // Search with explain: each signal is a bar.
        await page.GetByRole(AriaRole.Link, new() { Name = "Search" }).ClickAsync();
        await page.Locator("#query").Locator("input").FillAsync("Porto");
        await page.Locator("#search").ClickAsync();
        var found = page.Locator("li.result", new() { HasText = "Alice's sister, lives in Porto" });
        // With the whole suite sharing the 2 cores (other test hosts, Chromium, the web app), this search once took over 5 s.
        await Expect(found).ToBeVisibleAsync();
        await Expect(found.Locator(".signal").First).ToBeVisibleAsync();
        await Screenshot(page, "search");

        // A correction is saved through the Api and shown at once; the overview counts what is left.
        await page.GetByRole(AriaRole.Link, new() { Name = "Memories" }).ClickAsync();
        await page.GetByRole(AriaRole.Tab, new() { Name = "Facts (1)" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = $"Edit {ana}" }).ClickAsync();
        await page.Locator("#edit-summary").Locator("textarea").FillAsync("Alice's sister, moved to Braga");
        await page.Locator("#save-edit").ClickAsync();
        await Expect(page.GetByText("Alice's sister, moved to Braga")).ToBeVisibleAsync();
        var saved = (await tenant.Http.GetJsonAsync("/memory/components?user_id=alice&memory_type=semantic"))!["memories"]!["semantic"]!["items"]![0]!;
        Assert.Equal("Alice's sister, moved to Braga", saved["summary"]!.GetValue<string>());
        await page.GetByRole(AriaRole.Link, new() { Name = "Overview" }).ClickAsync();
        await Expect(page.Locator("#count-semantic .count")).ToHaveTextAsync("1");
        await Expect(page.Locator("#count-knowledge_vault .count")).ToHaveTextAsync("2");

        // A key is shown once, works, and stops working when revoked.
        await page.GetByRole(AriaRole.Link, new() { Name = "API keys" }).ClickAsync();
        await page.Locator("#key-name").Locator("input").FillAsync("browser-key");
        await page.Locator("#create-key").ClickAsync();
        var key = await page.Locator("#new-key-value").InnerTextAsync();
        using var withKey = api.CreateClient();
        withKey.DefaultRequestHeaders.Add("X-API-Key", key);
        Assert.True((await withKey.GetAsync(new Uri("/agents", UriKind.Relative))).IsSuccessStatusCode);
        await page.GetByRole(AriaRole.Button, new() { Name = "Revoke browser-key" }).ClickAsync();
        await Expect(page.Locator("tr", new() { HasText = "browser-key" })).ToContainTextAsync("revoked");
        await Eventually.WaitUntilAsync(async () => (await withKey.GetAsync(new Uri("/agents", UriKind.Relative))).StatusCode == System.Net.HttpStatusCode.Unauthorized,
            "the revoked key still worked", TimeSpan.FromSeconds(30));

        // Signing out forgets the session: the next page asks to sign in again.
        await page.Locator("#sign-out").ClickAsync();
        // The click only sends the event: the session is forgotten once the app has moved to the sign-in page.
        await Expect(page).ToHaveURLAsync(SignedOutPattern());
        await page.GotoAsync(Web + "/memories");
        await Expect(page).ToHaveURLAsync(SignInForMemories());
    }

    [Fact]
    public async Task A_dead_letter_shows_its_error_and_replays_from_the_ingestion_page()
    {
        var org = await api.Tenants.CreateOrganizationAsync("browser-dead");
        using var tenant = await api.Tenants.CreateClientAsync(org, "notes", "notes");
        await tenant.Http.PostJsonAsync("/agents/meta/initialize", SdkContract.MetaConfig());
        api.Llm.Reset();
        // Every model call of both attempts fails: the operation is dead-lettered.
        api.Llm.Enqueue([.. Enumerable.Repeat(new LlmFault(LlmFaultKind.ServerError, "trigger_memory_update"), 6)]);
        var operation = (await tenant.Http.PostJsonAsync("/memory/add", new { user_id = "alice", messages = new[] { "My sister Ana's birthday is on 3 May." } }))!["operation_id"]!.GetValue<string>();
        await Eventually.WaitUntilAsync(async () => (await tenant.Http.GetJsonAsync($"/memory/operations/{operation}"))!["status"]!.GetValue<string>() == "dead_lettered",
            "the operation was not dead-lettered", TimeSpan.FromSeconds(60));

        var page = await _browser!.NewPageAsync(new() { ViewportSize = new() { Width = 1360, Height = 900 } });
        await page.GotoAsync(Web + "/signin");
        await page.Locator("#email").Locator("input").FillAsync(OperatorEmail);
        await page.Locator("#password").Locator("input").FillAsync(OperatorPassword);
        await page.Locator("#submit").ClickAsync();
        await Expect(page.Locator("#client-picker")).ToBeVisibleAsync();
        await page.GotoAsync(Web + $"/operations?client={tenant.ClientId}");

        var row = page.Locator($"tr[data-operation='{operation}']");
        await Expect(row).ToContainTextAsync("dead_lettered");
        await Expect(row.Locator("td.error")).Not.ToBeEmptyAsync();
        await Screenshot(page, "ingestion");
        await row.GetByRole(AriaRole.Button, new() { Name = $"Replay {operation}" }).ClickAsync();
        // The page refreshes itself: no click shows the replayed run succeed.
        await Expect(row).ToContainTextAsync("succeeded");
    }

    [Fact]
    public async Task An_expired_sign_in_returns_to_sign_in_and_then_to_the_same_page()
    {
        var org = await api.Tenants.CreateOrganizationAsync("browser-expiry");
        using var tenant = await api.Tenants.CreateClientAsync(org, "notes", "notes");
        await tenant.Http.PostJsonAsync("/users/create_or_get", new { user_id = "alice", name = "Alice" });
        var page = await _browser!.NewPageAsync();
        await page.GotoAsync(Web + "/signin");
        await SignInAsync(page);
        await page.GotoAsync(Web + $"/search?client={tenant.ClientId}&user=alice");
        await Expect(page.Locator("#query")).ToBeVisibleAsync();

        api.Clock.Offset = TimeSpan.FromDays(2); // dashboard tokens last a day
        try
        {
            await page.GotoAsync(Web + "/agents");
            await Expect(page).ToHaveURLAsync(new Regex("/signin\\?returnUrl=%2Fagents$"));
            await SignInAsync(page);
            await Expect(page).ToHaveURLAsync(new Regex("/agents$"));
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Agents" })).ToBeVisibleAsync();
        }
        finally
        {
            api.Clock.Offset = TimeSpan.Zero;
        }
    }

    private static async Task SignInAsync(IPage page)
    {
        await page.Locator("#email").Locator("input").FillAsync(OperatorEmail);
        await page.Locator("#password").Locator("input").FillAsync(OperatorPassword);
        await page.Locator("#submit").ClickAsync();
        await Expect(page.Locator("#sign-out")).ToBeVisibleAsync(); // signed in: the session is stored in the tab
    }

    private static Regex SignInForMemories() => SignInForMemoriesPattern();

    [GeneratedRegex("/signin$")]
    private static partial Regex SignedOutPattern();

    [GeneratedRegex("/signin\\?returnUrl=%2Fmemories$")]
    private static partial Regex SignInForMemoriesPattern();

    private static async Task Screenshot(IPage page, string name)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, name + ".png"), FullPage = true });
        if (Environment.GetEnvironmentVariable("MIRIX_UPDATE_SCREENSHOTS") == "1")
        {
            File.Copy(Path.Combine(folder, name + ".png"), RepositoryFiles.Path("docs", "images", "browser-" + name + ".png"), overwrite: true);
        }
    }
}
