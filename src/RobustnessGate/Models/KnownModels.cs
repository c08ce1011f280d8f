using RobustnessGate.Models.Architectures;
using RobustnessGate.Training;

namespace RobustnessGate.Models;

/// <summary>
/// The catalogue of built-in models: an MNIST-scale zoo of 18 models in eight families that mirrors the design of the
/// 18 ImageNet models of Su et al. (ECCV 2018), with depth series (MLP, VGG, ResNet, DenseNet, Inception) and a width
/// series (MobileNet). All take 1 x 28 x 28 pixels in [0, 1] and return 10 logits; all are trained by the deterministic
/// trainer on the built-in train split with seed 1215 and 2 threads (robustness-gate train-zoo rebuilds them).
/// </summary>
public static class KnownModels
{
    private static readonly InputShape Digits = new(1, 28, 28);

    /// <summary>LeNet-style CNN: the default model of the tool.</summary>
    public static BuiltInModel LeNet { get; } = new(
        "lenet", "LeNet", "LeNet-style CNN: conv16-5, pool, conv32-5, pool, fc128, fc10",
        Digits, () => new LeNet(), new TrainingOptions(Epochs: 5), Depth: 4);

    /// <summary>Every built-in model, grouped by family.</summary>
    public static IReadOnlyList<BuiltInModel> All { get; } =
    [
        MlpModel(1, epochs: 5),
        MlpModel(2, epochs: 5),
        MlpModel(3, epochs: 5),
        LeNet,
        new("alexnet", "AlexNet", "AlexNet-style CNN: 5 conv (5x5 first, no BatchNorm), 3 max pools, fc128, fc128, fc10",
            Digits, () => new AlexNetStyle(), new TrainingOptions(Epochs: 5), Depth: 8),
        VggModel("vgg-11", [2, 3, 3], epochs: 5),
        VggModel("vgg-16", [4, 4, 5], epochs: 5),
        ResNetModel(1, epochs: 4),
        ResNetModel(2, epochs: 4),
        ResNetModel(3, epochs: 4),
        DenseNetModel(2, epochs: 3),
        DenseNetModel(4, epochs: 3),
        DenseNetModel(6, epochs: 3),
        MobileNetModel(0.25, epochs: 6),
        MobileNetModel(0.5, epochs: 6),
        MobileNetModel(1.0, epochs: 6),
        InceptionModel("inception-s", 1, epochs: 3),
        InceptionModel("inception-m", 2, epochs: 3),
    ];

    /// <summary>The built-in model called <paramref name="name"/>, or null.</summary>
    public static BuiltInModel? Find(string name) =>
        All.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase));

    private static BuiltInModel MlpModel(int hiddenLayers, int epochs) => new(
        $"mlp-{hiddenLayers}", "MLP", $"MLP: {hiddenLayers} hidden layer(s) of 100 ReLU units, fc10",
        Digits, () => new Mlp(hiddenLayers), new TrainingOptions(Epochs: epochs),
        Depth: hiddenLayers + 1, Series: "mlp" + BuiltInModel.DepthSeriesSuffix);

    private static BuiltInModel VggModel(string name, int[] convolutionsPerStage, int epochs) => new(
        name, "VGG", $"VGG-style CNN: {string.Join("-", convolutionsPerStage)} conv3x3 (8/16/32 channels, no BatchNorm) in 3 pooled stages, fc128, fc128, fc10",
        Digits, () => new VggStyle(convolutionsPerStage), new TrainingOptions(Epochs: epochs),
        Depth: convolutionsPerStage.Sum() + 3, Series: "vgg" + BuiltInModel.DepthSeriesSuffix);

    private static BuiltInModel ResNetModel(int blocksPerStage, int epochs) => new(
        $"resnet-{ResNetStyle.DepthFor(blocksPerStage)}", "ResNet", $"ResNet-style CNN: stem, 3 stages of {blocksPerStage} basic block(s) (16/32/64 channels, BatchNorm), global pool, fc10",
        Digits, () => new ResNetStyle(blocksPerStage), new TrainingOptions(Epochs: epochs),
        Depth: ResNetStyle.DepthFor(blocksPerStage), Series: "resnet" + BuiltInModel.DepthSeriesSuffix);

    private static BuiltInModel DenseNetModel(int layersPerBlock, int epochs) => new(
        $"densenet-{DenseNetStyle.DepthFor(layersPerBlock)}", "DenseNet", $"DenseNet-style CNN: stem, 3 dense blocks of {layersPerBlock} layers (growth 12, BatchNorm), 2 transitions, global pool, fc10",
        Digits, () => new DenseNetStyle(layersPerBlock), new TrainingOptions(Epochs: epochs),
        Depth: DenseNetStyle.DepthFor(layersPerBlock), Series: "densenet" + BuiltInModel.DepthSeriesSuffix);

    private static BuiltInModel MobileNetModel(double widthMultiplier, int epochs) => new(
        FormattableString.Invariant($"mobilenet-{widthMultiplier:0.0#}"), "MobileNet", FormattableString.Invariant($"MobileNet-v1-style CNN, width {widthMultiplier:0.0#}: stem, 5 depthwise-separable blocks (BatchNorm), global pool, fc10"),
        Digits, () => new MobileNetStyle(widthMultiplier), new TrainingOptions(Epochs: epochs),
        Depth: MobileNetStyle.Depth, Width: widthMultiplier, Series: "mobilenet" + BuiltInModel.WidthSeriesSuffix);

    private static BuiltInModel InceptionModel(string name, int modulesPerStage, int epochs) => new(
        name, "Inception", $"Inception-style CNN: stem, 2 stages of {modulesPerStage} inception module(s) (1x1/3x3/5x5/pool branches, BatchNorm), global pool, fc10",
        Digits, () => new InceptionStyle(modulesPerStage), new TrainingOptions(Epochs: epochs),
        Depth: InceptionStyle.DepthFor(modulesPerStage), Series: "inception" + BuiltInModel.DepthSeriesSuffix);
}
