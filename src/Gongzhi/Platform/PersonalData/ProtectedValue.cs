namespace Gongzhi.Platform.PersonalData;

/// <summary>
/// A value kept as the platform keeps personal data: the ciphertext, the keyed hash for exact search (null for
/// values nobody looks up by), and the masked form lists show. Made by <see cref="PersonalDataProtector"/>.
/// </summary>
public sealed record ProtectedValue(string Protected, string? Hash, string Masked);
