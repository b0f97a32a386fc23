using Microsoft.FluentUI.AspNetCore.Components;
using Mirix.Client;
using Mirix.Web.Components;
using Mirix.Web.Services;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.Services.AddRazorComponents().AddInteractiveServerComponents();
builder.Services.AddFluentUIComponents();
// "api" is resolved by service discovery: the AppHost injects its address, appsettings.json names the standalone one.
builder.Services.AddMirixClient(o => o.BaseAddress = new Uri(builder.Configuration["Mirix:ApiUrl"] ?? "https+http://api"));
builder.Services.AddScoped<MirixSession>();

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
