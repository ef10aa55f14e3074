using NodaTime;

namespace Mentoring.Domain;

/// <summary>
/// A video file uploaded for a module and kept in the store, so every instance serves it without a
/// shared disk. A row of its own: lists of modules never load the bytes.
/// </summary>
[NotAudited]
public sealed class TrainingVideo
{
    public int Id { get; set; }

    public int ModuleId { get; set; }

    public required string FileName { get; set; }

    public required string ContentType { get; set; }

    public long Length { get; set; }

    public byte[] Content { get; set; } = [];

    public Instant UploadedAt { get; set; }
}
