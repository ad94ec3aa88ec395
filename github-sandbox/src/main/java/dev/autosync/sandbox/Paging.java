package dev.autosync.sandbox;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Query strings and GitHub's {@code Link} header.
 *
 * @see <a href="https://docs.github.com/en/rest/using-the-rest-api/using-pagination-in-the-rest-api">Pagination</a>
 */
final class Paging {

    private Paging() {
    }

    /** GitHub's {@code Link} header: first, prev, next, last, each the request URL with the page replaced. */
    static String link(URI base, URI request, String parameter, int page, int last) {
        Map<String, Integer> rels = new LinkedHashMap<>();
        if (page < last) {
            rels.put("next", page + 1);
            rels.put("last", last);
        }
        if (page > 1) {
            rels.put("first", 1);
            rels.put("prev", page - 1);
        }
        if (rels.isEmpty()) {
            return null;
        }
        StringBuilder header = new StringBuilder();
        rels.forEach((rel, target) -> {
            Map<String, String> query = query(request.getRawQuery());
            query.put(parameter, Integer.toString(target));
            StringBuilder url = new StringBuilder(base + request.getRawPath()).append('?');
            query.forEach((k, v) -> url.append(k).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)).append('&'));
            url.setLength(url.length() - 1);
            header.append(header.length() == 0 ? "" : ", ").append('<').append(url).append(">; rel=\"").append(rel).append('"');
        });
        return header.toString();
    }

    static Map<String, String> query(String raw) {
        Map<String, String> query = new LinkedHashMap<>();
        if (raw != null && !raw.isEmpty()) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                query.put(key, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return query;
    }

    static int intParam(Map<String, String> query, String name, int fallback) {
        try {
            return query.containsKey(name) ? Integer.parseInt(query.get(name)) : fallback;
        } catch (NumberFormatException e) {
            throw new ApiError(422, name + " must be a number");
        }
    }
}
