package io.devplace.server;

import java.util.HashMap;
import java.util.Map;

/**
 * One registered route: method, path template ({@code /v1/plans/{id}}), whether it is open without a token (probes,
 * version, the API description), and its handler. The template is also the metrics label, never the raw path.
 */
record Route(String method, String template, boolean open, Handler handler) {
    interface Handler {
        Reply handle(Call call) throws Exception;
    }

    /** Path parameters when {@code path} matches this template, else null. */
    Map<String, String> match(String path) {
        String[] t = template.split("/", -1);
        String[] p = path.split("/", -1);
        if (t.length != p.length) return null;
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < t.length; i++) {
            if (t[i].startsWith("{") && t[i].endsWith("}")) {
                if (p[i].isEmpty()) return null;
                params.put(t[i].substring(1, t[i].length() - 1), p[i]);
            } else if (!t[i].equals(p[i])) return null;
        }
        return params;
    }
}
