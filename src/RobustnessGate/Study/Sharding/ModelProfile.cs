namespace RobustnessGate.Study.Sharding;

/// <summary>What the cost model knows of one study model; computed from shapes and weights, the same on every machine.</summary>
/// <param name="MultiplyAdds">Multiply-adds of one forward pass of one image (<see cref="StudyCostModel.Measure"/>).</param>
/// <param name="Layers">Leaf modules one forward pass calls (each has a fixed cost per call, whatever the batch).</param>
/// <param name="Sha256">The model's fingerprint.</param>
/// <param name="Classes">Outputs (classes) of the model.</param>
public sealed record ModelProfile(long MultiplyAdds, int Layers, string Sha256, int Classes);
