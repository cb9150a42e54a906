using Gongzhi.Platform.Actions;
using Gongzhi.Platform.Files;
using Microsoft.AspNetCore.Http;

namespace Gongzhi.Components.Kit;

/// <summary>The photos a form posts (its <c>photos</c> file field), stored before the service call that names them.</summary>
public static class FormPhotos
{
    /// <summary>
    /// Stores up to <paramref name="max"/> posted photos and gives their ids. A photo the library refuses stops the form
    /// as a field error of <c>photoIds</c> (the field the services name their photos by), which
    /// <see cref="FormCall"/> shows under the photo field.
    /// </summary>
    public static async Task<List<Guid>> UploadAsync(PhotoLibrary photos, IFormCollection form, int max, CancellationToken cancellationToken)
    {
        var ids = new List<Guid>();
        foreach (var file in form.Files.Where(f => f.Name == "photos" && f.Length > 0).Take(max))
        {
            try
            {
                await using var stream = file.OpenReadStream();
                ids.Add((await photos.UploadAsync(stream, cancellationToken)).Id);
            }
            catch (PhotoRejectedException e)
            {
                throw FieldValidationException.Field("photoIds", $"{file.FileName}: {e.Message}");
            }
        }
        return ids;
    }
}
