using System.Net;
using Microsoft.AspNetCore.Components;
using Mirix.Client;
using Mirix.Web.Services;

namespace Mirix.Web.Components.Common;

/// <summary>
/// A page behind sign-in: loads once the tab's session is known, reloads when the client or user changes, and shows
/// the Api's reason when it refuses (a refused token goes back to sign-in).
/// </summary>
public abstract class MirixPage : ComponentBase, IDisposable
{
    [Inject]
    protected MirixSession Session { get; set; } = default!;

    /// <summary>The Api's <c>detail</c> for the last refused call, shown by the page.</summary>
    protected string? Error { get; set; }

    protected override async Task OnInitializedAsync()
    {
        if (!await Session.EnsureSignedInAsync())
        {
            return;
        }
        Session.Changed += ReloadAsync;
        await RunAsync(LoadAsync);
    }

    /// <summary>Loads the page's data; called again when the client or user changes.</summary>
    protected abstract Task LoadAsync();

    /// <summary>Runs a call to the Api; a refusal becomes <see cref="Error"/>, an expired token a return to sign-in.</summary>
    protected async Task RunAsync(Func<Task> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        try
        {
            Error = null;
            await call();
        }
        catch (MirixApiException refused) when (refused.StatusCode == HttpStatusCode.Unauthorized)
        {
            await Session.ExpiredAsync();
        }
        catch (MirixApiException refused)
        {
            Error = refused.Detail;
        }
        catch (HttpRequestException unreachable)
        {
            Error = "The API cannot be reached: " + unreachable.Message;
        }
    }

    private async Task ReloadAsync()
    {
        await InvokeAsync(async () =>
        {
            await RunAsync(LoadAsync);
            StateHasChanged();
        });
    }

    public void Dispose()
    {
        Session.Changed -= ReloadAsync;
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
    }
}
