using System.Buffers;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace CrmPlatform.Customers.Import;

/// <summary>Copies a request body to a file without holding it in memory, refusing more than a set size.</summary>
internal static class ImportUpload
{
    /// <summary>False when the body is larger than <paramref name="maxBytes"/> (the partial file is deleted).</summary>
    public static async Task<bool> TrySaveAsync(HttpRequest request, string path, long maxBytes, CancellationToken cancellationToken)
    {
        // Kestrel refuses bodies over 30 MB by default; this endpoint alone takes more.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = maxBytes + 1;
        }

        if (request.ContentLength > maxBytes)
        {
            return false;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(81_920);
        try
        {
            await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, useAsync: true))
            {
                long total = 0;
                int read;
                while ((read = await request.Body.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    total += read;
                    if (total > maxBytes)
                    {
                        break;
                    }

                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }

                if (total <= maxBytes)
                {
                    return true;
                }
            }

            File.Delete(path);
            return false;
        }
        catch
        {
            File.Delete(path);
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The file name from <c>Content-Disposition</c>, for people to recognise their job; "upload.csv" without one.</summary>
    public static string FileNameOf(HttpRequest request)
    {
        var name = ContentDispositionHeaderValue.TryParse(request.Headers.ContentDisposition.ToString(), out var disposition)
            ? (disposition.FileNameStar.HasValue ? disposition.FileNameStar.Value : disposition.FileName.Value)?.Trim('"')
            : null;
        name = name is null ? null : Path.GetFileName(name);
        return string.IsNullOrWhiteSpace(name) || name.Any(char.IsControl) ? "upload.csv" : name[..Math.Min(name.Length, 100)];
    }

    public static bool IsCsv(HttpRequest request) =>
        MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
        && type.MediaType.Equals("text/csv", StringComparison.OrdinalIgnoreCase)
        && (!type.Charset.HasValue || type.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase));
}
