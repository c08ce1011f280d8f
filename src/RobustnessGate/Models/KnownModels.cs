using RobustnessGate.Models.Architectures;

namespace RobustnessGate.Models;

/// <summary>
/// The catalogue of built-in models: an MNIST-scale zoo of 18 models in eight families that mirrors the design of the
/// 18 ImageNet models of Su et al. (ECCV 2018), with depth series (MLP, VGG, ResNet, DenseNet, Inception) and a width
/// series (MobileNet). All take 1 x 28 x 28 pixels in [0, 1] and return 10 logits; all are trained by the deterministic
/// trainer on the built-in train split with seed 1215 and 2 threads (robustness-gate train-zoo rebuilds them).
/// </summary>
/// <remarks>
/// Training recipes: every model of a series shares one recipe, so depth or width is the only difference along it. The
/// pre-BatchNorm designs (MLP, LeNet, AlexNet, VGG) train with a constant Adam rate of 1e-3 for 5 epochs; the
/// BatchNorm families decay the rate by 0.7 per epoch (MobileNet and Inception start at 2e-3), which settles them at
/// higher accuracy. The recipes are sized so that the whole zoo trains in minutes on 2 cores.
/// </remarks>
public static class KnownModels
{
    private static readonly InputShape Digits = new(1, 28, 28);

    private static readonly TrainingOptions ConstantRate = new(Epochs: 5);

    /// <summary>LeNet-style CNN: the default model of the tool.</summary>
    public static BuiltInModel LeNet { get; } = new(
        "lenet", "LeNet", "LeNet-style CNN: conv16-5, pool, conv32-5, pool, fc128, fc10",
        Digits, () => new LeNet(), new TrainingOptions(Epochs: 5), Depth: 4);

    /// <summary>Every built-in model, grouped by family.</summary>
    public static IReadOnlyList<BuiltInModel> All { get; } =
    [
        MlpModel(1),
        MlpModel(2),
        MlpModel(3),
        LeNet,
        new("alexnet", "AlexNet", "AlexNet-style CNN: 5 conv (5x5 first, no BatchNorm), 3 max pools, fc128, fc128, fc10",
            Digits, () => new AlexNetStyle(), ConstantRate, Depth: 8),
        VggModel("vgg-11", [2, 3, 3]),
        VggModel("vgg-16", [4, 4, 5]),
        ResNetModel(1),
        ResNetModel(2),
        ResNetModel(3),
        DenseNetModel(2),
        DenseNetModel(4),
        DenseNetModel(6),
        MobileNetModel(0.25),
        MobileNetModel(0.5),
        MobileNetModel(1.0),
        InceptionModel("inception-s", 1),
        InceptionModel("inception-m", 2),
    ];

    /// <summary>The built-in model called <paramref name="name"/>, or null.</summary>
    public static BuiltInModel? Find(string name) =>
        All.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase));

    private static BuiltInModel MlpModel(int hiddenLayers) => new(
        $"mlp-{hiddenLayers}", "MLP", $"MLP: {hiddenLayers} hidden layer(s) of 100 ReLU units, fc10",
        Digits, () => new Mlp(hiddenLayers), ConstantRate,
        Depth: hiddenLayers + 1, Series: "mlp" + BuiltInModel.DepthSeriesSuffix);

    private static BuiltInModel VggModel(string name, int[] convolutionsPerStage) => new(
        name, "VGG", $"VGG-style CNN: {string.Join("-", convolutionsPerStage)} conv3x3 (8/16/32 channels, no BatchNorm) in 3 pooled stages, fc128, fc128, fc10",
        Digits, () => new VggStyle(convolutionsPerStage), ConstantRate,
        Depth: convolutionsPerStage.Sum() + 3, Series: "vgg" + BuiltInModel.DepthSeriesSuffix);

    private static BuiltInModel ResNetModel(int blocksPerStage) => new(
        $"resnet-{ResNetStyle.DepthFor(blocksPerStage)}", "ResNet", $"ResNet-style CNN: stem, 3 stages of {blocksPerStage} basic block(s) (16/32/64 channels, BatchNorm), global pool, fc10",
        Digits, () => new ResNetStyle(blocksPerStage), new TrainingOptions(Epochs: 6, LearningRateDecay: 0.7),
        Depth: ResNetStyle.DepthFor(blocksPerStage), Series: "resnet" + BuiltInModel.DepthSeriesSuffix);

    private static BuiltInModel DenseNetModel(int layersPerBlock) => new(
        $"densenet-{DenseNetStyle.DepthFor(layersPerBlock)}", "DenseNet", $"DenseNet-style CNN: stem, 3 dense blocks of {layersPerBlock} layers (growth 12, BatchNorm), 2 transitions, global pool, fc10",
        Digits, () => new DenseNetStyle(layersPerBlock), new TrainingOptions(Epochs: 5, LearningRateDecay: 0.7),
        Depth: DenseNetStyle.DepthFor(layersPerBlock), Series: "densenet" + BuiltInModel.DepthSeriesSuffix);

    private static BuiltInModel MobileNetModel(double widthMultiplier) => new(
        FormattableString.Invariant($"mobilenet-{widthMultiplier:0.0#}"), "MobileNet", FormattableString.Invariant($"MobileNet-v1-style CNN, width {widthMultiplier:0.0#}: stem, 5 depthwise-separable blocks (BatchNorm), global pool, fc10"),
        Digits, () => new MobileNetStyle(widthMultiplier), new TrainingOptions(Epochs: 6, LearningRate: 2e-3, LearningRateDecay: 0.7),
        Depth: MobileNetStyle.Depth, Width: widthMultiplier, Series: "mobilenet" + BuiltInModel.WidthSeriesSuffix);

    private static BuiltInModel InceptionModel(string name, int modulesPerStage) => new(
        name, "Inception", $"Inception-style CNN: stem, 2 stages of {modulesPerStage} inception module(s) (1x1/3x3/5x5/pool branches, BatchNorm), global pool, fc10",
        Digits, () => new InceptionStyle(modulesPerStage), new TrainingOptions(Epochs: 6, LearningRate: 2e-3, LearningRateDecay: 0.7),
        Depth: InceptionStyle.DepthFor(modulesPerStage), Series: "inception" + BuiltInModel.DepthSeriesSuffix);
}
