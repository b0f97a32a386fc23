// An agent that remembers a user across sessions: a Mirix.NET server keeps the memory, any OpenAI-compatible model
// talks. Run the server (`dotnet run --project Mirix.Api` with an LLM configured), then:
//   dotnet run --project samples/AgentMemory -- --api-key <client key> --llm-endpoint <url> --model <name>
using System.ClientModel;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.Connectors.OpenAI;
using Mirix.Client;
using Mirix.Client.AI;
using Mirix.Client.SemanticKernel;
using OpenAI;

var settings = new ConfigurationBuilder()
    .AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["url"] = "http://localhost:8531", ["user"] = "alice", ["model"] = "gpt-4o-mini", ["llm-endpoint"] = "https://api.openai.com/v1",
    })
    .AddEnvironmentVariables("MIRIX_SAMPLE_")
    .AddCommandLine(args)
    .Build();

var services = new ServiceCollection().AddSingleton<IConfiguration>(settings);
services.AddMirixClient(o =>
{
    o.BaseAddress = new Uri(settings["url"]!);
    o.ApiKey = settings["api-key"];
});
await using var provider = services.BuildServiceProvider();
var mirix = provider.GetRequiredService<IMirixClient>();
var userId = settings["user"]!;
await mirix.CreateOrGetUserAsync(userId);
await mirix.InitializeMetaAgentAsync(); // the memory agents, on the server's own models

var openAi = new OpenAIClient(new ApiKeyCredential(settings["llm-key"] ?? "unused"), new OpenAIClientOptions { Endpoint = new Uri(settings["llm-endpoint"]!) });
var chat = openAi.GetChatClient(settings["model"]).AsIChatClient().AsBuilder().UseFunctionInvocation().Build();

// The three lines: the user's memory as tools, given to the model.
var memory = new MirixMemory(mirix, userId);
var withMemory = new ChatOptions { Tools = [.. memory.AsAIFunctions()] };
Console.WriteLine("1> " + await chat.GetResponseAsync("Remember that my sister Ana lives in Porto.", withMemory));

// The memory agents file it in the background; a real app would not wait, this demo asks about it at once.
await memory.FlushAsync();

// A new session with no history: what the agent knows comes from memory.
Console.WriteLine("2> " + await chat.GetResponseAsync("Where does my sister Ana live?", withMemory));

// Semantic Kernel: the same memory as a plugin.
var kernel = Kernel.CreateBuilder().AddOpenAIChatCompletion(settings["model"]!, openAi).Build();
kernel.Plugins.Add(memory.AsKernelPlugin());
var answer = await kernel.InvokePromptAsync("Where does my sister Ana live?",
    new KernelArguments(new OpenAIPromptExecutionSettings { FunctionChoiceBehavior = FunctionChoiceBehavior.Auto() }));
Console.WriteLine("3> " + answer);
