using Microsoft.AspNetCore.Http.Metadata;

namespace CrmPlatform.ServiceDefaults.Api;

/// <summary>
/// An endpoint that takes bodies larger than the server's default (imports, history loads) says so in
/// its metadata. Anything that reads the body before the handler (the Idempotency-Key fingerprint)
/// raises the limit from it; the limit cannot change once the body has been read.
/// </summary>
/// <param name="MaxRequestBodySize">The largest body in bytes; null for no limit.</param>
public sealed record BodySizeLimit(long? MaxRequestBodySize) : IRequestSizeLimitMetadata;
