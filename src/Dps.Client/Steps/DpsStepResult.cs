namespace Dps.Client.Steps;

/// <summary>The new state and the action to take after an event.</summary>
/// <param name="State">The new state.</param>
/// <param name="Action">What to do next.</param>
internal readonly record struct DpsStepResult(DpsStepState State, DpsStepAction Action);
