using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Mirix.KafkaDevBroker;

var builder = Host.CreateApplicationBuilder(args);
builder.Services.AddSingleton(BrokerOptions.FromConfiguration(builder.Configuration));
builder.Services.AddHostedService<MockClusterHost>();
await builder.Build().RunAsync();
