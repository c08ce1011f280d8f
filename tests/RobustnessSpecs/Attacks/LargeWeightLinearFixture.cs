namespace RobustnessSpecs.Attacks;

/// <summary>
/// A second linear model, trained unlike the exact-answer fixture's (seed 99, all 8,000 training digits, Adam 0.05, 1000
/// epochs): weights about 16 times larger and exact minima about 4 times smaller. On it the untargeted margin loss most
/// often follows a class that is not the nearest in distortion, which is what the strong presets' candidate classes fix.
/// </summary>
public sealed class LargeWeightLinearFixture() : LinearFixture(new LinearModel(seed: 99, trainCount: 8000, epochs: 1000, learningRate: 0.05));
