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

app.MapOpenApi();
app.MapScalarApiReference();
app.MapDefaultEndpoints(ApiRegistration.ServiceName);
app.MapRootEndpoints();
app.ReportStartup();

await app.RunAsync();
