using Mirix.Client;
using Mirix.Web.Components;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.Services.AddRazorComponents().AddInteractiveServerComponents();
// "api" is resolved by service discovery: the AppHost injects its address, appsettings.json names the standalone one.
builder.Services.AddMirixClient(o => o.BaseAddress = new Uri("https+http://api"));

var app = builder.Build();

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/error", createScopeForErrors: true);
}
app.UseTraceIdHeader();
app.UseAntiforgery();

app.MapStaticAssets();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
app.MapDefaultEndpoints("mirix-web");

await app.RunAsync();
