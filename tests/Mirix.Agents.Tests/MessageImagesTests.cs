using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using Mirix.Agents.Prompts;
using Mirix.Core.Ingestion;

namespace Mirix.Agents.Tests;

public sealed class MessageImagesTests
{
    [Fact]
    public void Image_urls_and_inline_images_become_content_and_files_do_not()
    {
        var parts = JsonNode.Parse("""
            [
              {"type": "text", "text": "look"},
              {"type": "image_url", "image_url": {"url": "https://example.org/a.png"}},
              {"type": "image_url", "image_url": "data:image/jpeg;base64,/9j/4AAQ"},
              {"type": "image_data", "image_data": {"data": "iVBORw0KGgo=", "media_type": "image/png"}},
              {"type": "image_url", "image_url": {"url": "file:///etc/passwd"}},
              {"type": "file_uri", "file_uri": "https://example.org/a.pdf"}
            ]
            """)!.AsArray();

        var images = MessageImages.From([new IngestedMessage("user", parts)]);

        Assert.Equal(3, images.Count);
        Assert.Equal(new Uri("https://example.org/a.png"), Assert.IsType<UriContent>(images[0]).Uri);
        Assert.Equal("image/jpeg", Assert.IsType<DataContent>(images[1]).MediaType);
        Assert.Equal("image/png", Assert.IsType<DataContent>(images[2]).MediaType);
    }
}
