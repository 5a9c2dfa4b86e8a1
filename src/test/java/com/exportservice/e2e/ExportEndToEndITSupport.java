package com.exportservice.e2e;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** Checks shared by the end-to-end tests. */
final class ExportEndToEndITSupport {
    private ExportEndToEndITSupport() {
    }

    /** Asserts the contract's error answer: status, JSON content type, code, a message and details. */
    static JsonNode assertError(RunningService service, HttpResponse<String> r, int status, String code) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        JsonNode body = service.json(r);
        assertThat(body.path("error").asText()).isEqualTo(code);
        assertThat(body.path("message").asText()).isNotBlank();
        assertThat(body.has("details")).isTrue();
        return body;
    }
}
