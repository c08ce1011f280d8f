namespace RobustnessGate.Data;

/// <summary>The MNIST subset shipped with the tool (see data/mnist/README.md): 8,000 train and 2,000 test digits.</summary>
public static class BuiltInData
{
    /// <summary>Name of the built-in test split.</summary>
    public const string TestName = "mnist-test";

    /// <summary>Name of the built-in train split.</summary>
    public const string TrainName = "mnist-train";

    /// <summary>The folder holding the IDX files: next to the executable, or found by walking up from the working folder.</summary>
    public static string Directory => BuiltInFiles.Find(Path.Combine("data", "mnist"), "test-images-idx3-ubyte.gz");

    /// <summary>True when <paramref name="name"/> names a built-in split.</summary>
    public static bool IsBuiltIn(string name) => name is TestName or TrainName;

    /// <summary>Loads a built-in split by name.</summary>
    public static ImageSet Load(string name) => name switch
    {
        TestName => ImageSetLoader.Load(Path.Combine(Directory, "test-images-idx3-ubyte.gz"), Path.Combine(Directory, "test-labels-idx1-ubyte.gz"), TestName),
        TrainName => ImageSetLoader.Load(Path.Combine(Directory, "train-images-idx3-ubyte.gz"), Path.Combine(Directory, "train-labels-idx1-ubyte.gz"), TrainName),
        _ => throw new ArgumentException($"unknown built-in data set '{name}'; expected '{TestName}' or '{TrainName}'", nameof(name)),
    };
}
