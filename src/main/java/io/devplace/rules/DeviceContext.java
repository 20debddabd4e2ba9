package io.devplace.rules;

import io.devplace.model.Host;
import io.devplace.model.ParentDevice;

import java.util.List;
import java.util.Map;

/**
 * Everything a template may reference about one device: its type, parent and host, and its attributes (empty for a
 * candidate target, which does not exist yet).
 */
public record DeviceContext(Host host, ParentDevice parent, String typeId, String deviceApi, String typeName,
                            Map<String, Object> typeProps, Map<String, String> deviceAttrs) {

    Scope scope(Map<String, String> self, Map<String, String> vars) {
        return segs -> lookup(segs, self, vars);
    }

    private String lookup(List<String> s, Map<String, String> self, Map<String, String> vars) {
        if (s.size() == 1) return vars.get(s.get(0));
        String head = s.get(0);
        String a = s.get(1);
        switch (head) {
            case "self":
                return s.size() == 2 ? self.get(a) : null;
            case "type":
                if (s.size() == 2) return switch (a) {
                    case "id" -> typeId;
                    case "deviceApi" -> deviceApi;
                    case "name" -> typeName;
                    default -> null;
                };
                if (s.size() == 3 && a.equals("props")) {
                    Object v = typeProps.get(s.get(2));
                    return v == null ? null : String.valueOf(v);
                }
                return null;
            case "parent":
                if (s.size() == 2) return switch (a) {
                    case "id" -> parent.id();
                    case "driver" -> parent.driver();
                    case "model" -> parent.model();
                    case "numaNode" -> parent.numaNode() == null ? null : parent.numaNode().toString();
                    default -> null;
                };
                return s.size() == 3 && a.equals("attributes") ? parent.attributes().get(s.get(2)) : null;
            case "host":
                if (s.size() == 2) return a.equals("name") ? host.name() : null;
                if (s.size() == 3 && a.equals("attributes")) return host.attributes().get(s.get(2));
                if (s.size() == 3 && a.equals("labels")) return host.labels().get(s.get(2));
                return null;
            case "device":
                return s.size() == 3 && a.equals("attrs") ? deviceAttrs.get(s.get(2)) : null;
            default:
                return null;
        }
    }

    /** Resolves a dotted reference such as {@code host.attributes.libvirt} (used by pack {@code requires}). */
    public String resolve(String dotted) {
        return lookup(List.of(dotted.split("\\.")), Map.of(), Map.of());
    }
}
