package dev.autosync.api;

import dev.autosync.common.Json;
import dev.autosync.common.ResponseHeaders;
import java.util.LinkedHashMap;
import java.util.Map;

/** One HTTP response: status, headers and a text body. */
public record ApiResponse(int status, Map<String, String> headers, String body) {

    public ApiResponse {
        headers = Map.copyOf(headers);
    }

    /** A JSON body with {@link ResponseHeaders#JSON}: every data and error answer of the api. */
    public static ApiResponse json(int status, Object value) {
        return new ApiResponse(status, ResponseHeaders.JSON, Json.write(value));
    }

    public static ApiResponse ok(Object value) {
        return json(200, value);
    }

    public static ApiResponse error(int status, String code, String message) {
        return json(status, ErrorBody.of(code, message));
    }

    public ApiResponse withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new ApiResponse(status, more, body);
    }

    /** The body of every error: a stable machine-readable code and a sentence for a person. */
    public record ErrorBody(String error, String message) {
        static ErrorBody of(String error, String message) {
            return new ErrorBody(error, message);
        }
    }
}
