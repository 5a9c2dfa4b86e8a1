package com.exportservice.api;

import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What the API's small functions answer, without an HTTP server. */
class ExportApiTest {

    @Test
    void should_serve_each_kind_of_export_file_with_its_media_type() {
        assertThat(ExportApi.contentType("exp-1.zip")).isEqualTo("application/zip");
        assertThat(ExportApi.contentType("logs.csv")).isEqualTo("text/csv; charset=utf-8");
        assertThat(ExportApi.contentType("logs.jsonl")).isEqualTo("application/x-ndjson");
        assertThat(ExportApi.contentType("logs.json")).isEqualTo("application/json");
        assertThat(ExportApi.contentType("manifest.json")).isEqualTo("application/json");
    }

    @Test
    void should_answer_without_any_header_of_the_request() {
        // platform-http turns query and form parameters into headers: none of them may come back
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getIn().setHeader("{\"data_types\":[\"logs\"]}", "");
        exchange.getIn().setHeader("limit", "10");

        ExportApi.respond(exchange, 202, "application/json", "{}");

        assertThat(exchange.getMessage().getHeaders()).containsOnlyKeys(Exchange.HTTP_RESPONSE_CODE, Exchange.CONTENT_TYPE);
        assertThat(exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(202);
        assertThat(exchange.getMessage().getBody()).isEqualTo("{}");
    }
}
