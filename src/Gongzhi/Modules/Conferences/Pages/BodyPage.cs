using Microsoft.AspNetCore.Components;

namespace Gongzhi.Modules.Conferences.Pages;

/// <summary>The body's page and a meeting's page: a body's proceedings, read and written through the same services.</summary>
public abstract class BodyPage : ConferencePage
{
    [Inject]
    private protected BodyService Bodies { get; set; } = default!;

    [Inject]
    private protected BodyQueries BodyReads { get; set; } = default!;

    [Inject]
    private protected MeetingWorkflow Meetings { get; set; } = default!;

    [Inject]
    private protected ResolutionWorkflow Resolutions { get; set; } = default!;
}
