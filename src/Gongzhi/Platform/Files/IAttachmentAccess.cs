using Gongzhi.Platform.Scoping;

namespace Gongzhi.Platform.Files;

/// <summary>
/// The rule of the module whose records take files in: who may see a file attached to one of its records,
/// and whether that file is published to everyone. A module registers one with
/// <see cref="FilesSetup.AddAttachmentAccess{T}"/> for the prefix of its owner keys (<c>Case</c> for
/// <c>Case:{id}</c>); the files API then asks it instead of applying its default rule.
/// </summary>
/// <remarks>
/// The module that owns the record knows who stands in which relation to it (the reporter of a case, the
/// organisation it is dispatched to); the files API only knows jurisdictions and roles. Owners without a
/// rule keep the default: the uploader and case-handling staff covering the file's jurisdiction.
/// </remarks>
public interface IAttachmentAccess
{
    /// <summary>The owner key's prefix this rule answers for, e.g. <c>Case</c>.</summary>
    string Owner { get; }

    /// <summary>
    /// Whether <paramref name="caller"/> may see files of record <paramref name="recordId"/> (the owner key after the prefix).
    /// The uploader always sees their own upload, whatever this answers.
    /// </summary>
    Task<bool> MaySeeAsync(Caller caller, string recordId, Guid fileId, CancellationToken cancellationToken);

    /// <summary>
    /// Whether anyone, signed in or not, may fetch the file's public variant (re-encoded, no metadata):
    /// true only for what the owner itself publishes, e.g. the photo an Open311 request links to.
    /// </summary>
    Task<bool> IsPublishedAsync(string recordId, Guid fileId, CancellationToken cancellationToken);
}
