global using System.Text.Json;
global using System.Text.Json.Nodes;
global using Microsoft.AspNetCore.Http.HttpResults;
global using Mirix.Api.Mapping;
global using Mirix.Contracts;
