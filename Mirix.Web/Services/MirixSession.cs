using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Server.ProtectedBrowserStorage;
using Mirix.Client;
using Mirix.Contracts;

namespace Mirix.Web.Services;

/// <summary>
/// One browser tab's sign-in and choices: the dashboard account's token, the client whose memory is browsed and the
/// user. Kept in the tab's protected session storage, so a reload keeps them and closing the tab forgets them.
/// </summary>
public sealed class MirixSession(MirixClientFactory clients, ProtectedSessionStorage storage, NavigationManager navigation)
{
    private const string StorageKey = "mirix-session";
    private Saved? _saved;
    private bool _loaded;
    private IMirixClient? _asAccount;
    private IMirixClient? _asClient;

    /// <summary>Raised when the client or user changes, so pages reload.</summary>
    public event Func<Task>? Changed;

    /// <summary>Raised on any change, sign-in and loading included, so the layout redraws.</summary>
    public event Action? Updated;

    public bool IsSignedIn => _saved is not null;

    public string? AccountName => _saved?.AccountName;

    /// <summary>The client whose memory is browsed; null until one is picked.</summary>
    public string? ClientId => _saved?.ClientId;

    public string? UserId => _saved?.UserId;

    /// <summary>Calls without credentials: setup check, sign-in, registration.</summary>
    public IMirixClient Anonymous => clients.Create();

    /// <summary>Calls as the signed-in account: clients, organizations, API keys.</summary>
    public IMirixClient AsAccount => _asAccount ??= clients.Create(bearerToken: Token);

    /// <summary>Calls as the picked client (its scopes): memories, search, operations, agents.</summary>
    public IMirixClient AsClient => _asClient ??= clients.Create(bearerToken: Token, actAsClientId: ClientId ?? throw new InvalidOperationException("No client is picked."));

    private string Token => _saved?.Token ?? throw new InvalidOperationException("Not signed in.");

    /// <summary>
    /// Loads the tab's session and checks its token once per connection; when there is none or it expired, goes to
    /// sign-in (and back here afterwards) and says so (false).
    /// </summary>
    public async Task<bool> EnsureSignedInAsync()
    {
        if (!_loaded)
        {
            var stored = await storage.GetAsync<Saved>(StorageKey);
            _saved = stored.Success ? stored.Value : null;
            _loaded = true;
            if (_saved is not null && !await TokenStillValidAsync())
            {
                _saved = null;
                await storage.DeleteAsync(StorageKey);
            }
        }
        if (ApplyLinkSelection())
        {
            await storage.SetAsync(StorageKey, _saved!);
        }
        Updated?.Invoke();
        if (_saved is null)
        {
            GoToSignIn();
            return false;
        }
        return true;
    }

    private async Task<bool> TokenStillValidAsync()
    {
        try
        {
            await AsAccount.GetAccountAsync();
            return true;
        }
        catch (MirixApiException refused) when (refused.StatusCode == System.Net.HttpStatusCode.Unauthorized)
        {
            ResetClients();
            return false;
        }
    }

    public async Task SignInAsync(TokenResponse token)
    {
        ArgumentNullException.ThrowIfNull(token);
        _saved = new Saved(token.AccessToken, token.Client.Name, null, null);
        _loaded = true;
        ResetClients();
        await storage.SetAsync(StorageKey, _saved);
        Updated?.Invoke();
    }

    public async Task SignOutAsync()
    {
        _saved = null;
        ResetClients();
        await storage.DeleteAsync(StorageKey);
        Updated?.Invoke();
        navigation.NavigateTo("signin");
    }

    /// <summary>The token was refused (expired): sign in again, then come back here.</summary>
    public async Task ExpiredAsync()
    {
        _saved = null;
        ResetClients();
        await storage.DeleteAsync(StorageKey);
        Updated?.Invoke();
        GoToSignIn();
    }

    public async Task SelectClientAsync(string? clientId)
    {
        if (_saved is null || _saved.ClientId == clientId)
        {
            return;
        }
        _saved = _saved with { ClientId = clientId, UserId = null };
        ResetClients();
        await SaveAndNotifyAsync();
    }

    public async Task SelectUserAsync(string? userId)
    {
        if (_saved is null || _saved.UserId == userId)
        {
            return;
        }
        _saved = _saved with { UserId = userId };
        await SaveAndNotifyAsync();
    }

    private async Task SaveAndNotifyAsync()
    {
        await storage.SetAsync(StorageKey, _saved!);
        Updated?.Invoke();
        if (Changed is { } changed)
        {
            await changed.Invoke();
        }
    }

    /// <summary>
    /// A link may name the client and user (<c>?client=...&amp;user=...</c>), so views can be shared; the choice stays
    /// for the next pages. True when it changed the session.
    /// </summary>
    private bool ApplyLinkSelection()
    {
        if (_saved is null)
        {
            return false;
        }
        var before = _saved;
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(navigation.ToAbsoluteUri(navigation.Uri).Query);
        if (query.TryGetValue("client", out var client) && client.ToString() != _saved.ClientId)
        {
            _saved = _saved with { ClientId = client.ToString(), UserId = null };
            ResetClients();
        }
        if (query.TryGetValue("user", out var user))
        {
            _saved = _saved with { UserId = user.ToString() };
        }
        return _saved != before;
    }

    private void GoToSignIn()
    {
        var here = navigation.ToBaseRelativePath(navigation.Uri);
        navigation.NavigateTo(here.StartsWith("signin", StringComparison.Ordinal) ? "signin" : "signin?returnUrl=" + Uri.EscapeDataString("/" + here));
    }

    private void ResetClients()
    {
        _asAccount = null;
        _asClient = null;
    }

    private sealed record Saved(string Token, string AccountName, string? ClientId, string? UserId);
}
