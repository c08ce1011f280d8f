using System.Text.Json;
using RobustnessGate.Data;

namespace RobustnessGate.Gate;

/// <summary>The 'dataset' field of a check or of the defaults: a built-in split, image and label files, or an image folder.</summary>
internal sealed partial class ThresholdReader
{
    private DataSource Dataset(string where, JsonElement ds)
    {
        if (ds.ValueKind == JsonValueKind.String)
        {
            var name = ds.GetString()!;
            if (!BuiltInData.IsBuiltIn(name))
                throw new ThresholdFileException($"{path}: {where}: field 'dataset': expected {BuiltInData.TestName}, {BuiltInData.TrainName}, {{\"images\": ..., \"labels\": ...}} or {{\"folder\": ...}}, found '{name}'");
            return new DataSource(name, null, null);
        }
        if (ds.ValueKind != JsonValueKind.Object)
            throw new ThresholdFileException($"{path}: {where}: field 'dataset': expected a built-in name, {{\"images\": ..., \"labels\": ...}} or {{\"folder\": ..., \"size\": ..., \"channels\": ...}}, found {ds.ValueKind}");
        ThresholdFile.RejectUnknown(path, $"{where}, dataset", ds, ["images", "labels", "folder", "size", "channels"]);
        if (ds.TryGetProperty("folder", out _))
            return Folder(where, ds);
        foreach (var key in new[] { "size", "channels" })
        {
            if (ds.TryGetProperty(key, out _))
                throw new ThresholdFileException($"{path}: {where}: field 'dataset.{key}': applies to an image folder only (dataset.folder); images and labels files are used as stored");
        }
        string File(string key)
        {
            var text = String(where, ds, key, required: true, prefix: "dataset.")!;
            var full = System.IO.Path.GetFullPath(System.IO.Path.Combine(Dir, text));
            if (!System.IO.File.Exists(full))
                throw new ThresholdFileException($"{path}: {where}: field 'dataset.{key}': file {full} not found");
            return full;
        }
        return new DataSource(null, File("images"), File("labels"));
    }

    /// <summary>{"folder": "images", "size": 32, "channels": "rgb"}: an image folder relative to the threshold file.</summary>
    private DataSource Folder(string where, JsonElement ds)
    {
        foreach (var key in new[] { "images", "labels" })
        {
            if (ds.TryGetProperty(key, out _))
                throw new ThresholdFileException($"{path}: {where}: field 'dataset.{key}': not used with 'dataset.folder' (an image folder's labels are its class folders); give either folder or images and labels");
        }
        var text = String(where, ds, "folder", required: true, prefix: "dataset.")!;
        var full = System.IO.Path.GetFullPath(System.IO.Path.Combine(Dir, text));
        if (!Directory.Exists(full))
            throw new ThresholdFileException($"{path}: {where}: field 'dataset.folder': folder {full} not found");
        int? size = null;
        if (ds.TryGetProperty("size", out var s))
        {
            if (s.ValueKind != JsonValueKind.Number || !s.TryGetInt32(out var v) || v < 1)
                throw new ThresholdFileException($"{path}: {where}: field 'dataset.size': expected a whole number >= 1 (the side of the centre crop), found {s.GetRawText()}");
            size = v;
        }
        var channels = ImageChannels.Auto;
        if (String(where, ds, "channels", required: false, prefix: "dataset.") is { } channelsText)
        {
            channels = ImageFolderOptions.ParseChannels(channelsText)
                ?? throw new ThresholdFileException($"{path}: {where}: field 'dataset.channels': expected one of {string.Join(", ", ImageFolderOptions.ChannelNames)}, found '{channelsText}'");
        }
        return DataSource.ImageFolder(full, new ImageFolderOptions(size, channels));
    }
}
