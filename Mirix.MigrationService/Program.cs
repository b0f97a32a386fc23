using Mirix.Core.Storage;
using Mirix.MigrationService;

var builder = Host.CreateApplicationBuilder(args);

builder.AddServiceDefaults();
// This process is the migration step: it must not also run the start-up migration hook.
builder.Configuration["Mirix:Storage:MigrateOnStartup"] = "false";
builder.AddMirixStorage();
builder.Services.AddHostedService<MigrationJob>();

await builder.Build().RunAsync();
