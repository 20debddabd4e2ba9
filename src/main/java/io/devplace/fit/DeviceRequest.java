package io.devplace.fit;

import java.util.List;
import java.util.Map;

/**
 * A device that a VM which does not exist yet asks for: a new instance of {@code type} with {@code attrs} (an ordered
 * list of one-key maps, as mdevctl writes them and as the fleet records them).
 */
public record DeviceRequest(String type, List<Map<String, String>> attrs) {
    public DeviceRequest {
        attrs = attrs == null ? List.of() : List.copyOf(attrs);
    }
}
