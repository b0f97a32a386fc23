using Mirix.Api.Endpoints;
using Mirix.Api.Infrastructure;
using Scalar.AspNetCore;

var builder = WebApplication.CreateBuilder(args);

builder.UseMirixDefaultPort();
builder.AddServiceDefaults();
builder.AddMirixApi();

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseTraceIdHeader();
app.UseStorageOutageRefusal();
app.UseRequestSizeLimit();
app.UseJsonTextValidation();
app.UseAuthentication();
app.UseAuthorization();

app.MapOpenApi();
app.MapScalarApiReference();
app.MapDefaultEndpoints(ApiRegistration.ServiceName);
app.MapMirixEndpoints();
app.ReportStartup();

await app.RunAsync();
