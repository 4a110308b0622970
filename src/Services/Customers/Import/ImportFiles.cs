using Microsoft.Extensions.Options;

namespace CrmPlatform.Customers.Import;

/// <summary>Where an uploaded file waits between the request and the worker.</summary>
public sealed class ImportFiles(IOptions<ImportOptions> options)
{
    private readonly string _folder = string.IsNullOrWhiteSpace(options.Value.Folder)
        ? Path.Combine(Path.GetTempPath(), "crmplatform-imports")
        : options.Value.Folder;

    public string PathOf(Guid jobId)
    {
        Directory.CreateDirectory(_folder);
        return Path.Combine(_folder, $"{jobId:N}.csv");
    }

    public void Delete(Guid jobId)
    {
        var path = PathOf(jobId);
        if (File.Exists(path))
        {
            File.Delete(path);
        }
    }
}
