package com.exportservice.api;

import com.exportservice.request.Problem;
import com.exportservice.status.ExportState;
import com.exportservice.submission.RequestException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The query parameters of GET /api/exports: defaults, bounds, and every bad one reported at once. */
class HistoryQueryTest {

    @Test
    void should_list_every_state_from_the_newest_fifty_by_default() {
        assertThat(HistoryQuery.parse(null, null, null)).isEqualTo(new HistoryQuery(null, 50, 0, null));
        assertThat(HistoryQuery.parse("", "", "")).isEqualTo(new HistoryQuery(null, 50, 0, null));
    }

    @Test
    void should_read_a_state_a_page_size_up_to_500_and_an_offset() {
        assertThat(HistoryQuery.parse("failed", "500", "100")).isEqualTo(new HistoryQuery(ExportState.FAILED, 500, 100, null));
    }

    @Test
    void should_answer_400_invalid_request_naming_each_bad_parameter() {
        RequestException e = catchThrowableOfType(RequestException.class, () -> HistoryQuery.parse("done", "501", "-1"));

        assertThat(e.status()).isEqualTo(400);
        assertThat(e.code()).isEqualTo("invalid_request");
        assertThat(e.details()).extracting(Problem::field).containsExactly("status", "limit", "offset");
        assertThat(e.details().get(0).problem()).contains("'done'").contains("pending, running, completed, failed or cancelled");
        assertThat(e.details().get(1).problem()).isEqualTo("must be between 1 and 500, got 501");
    }

    @Test
    void should_refuse_a_page_size_that_is_no_integer() {
        RequestException e = catchThrowableOfType(RequestException.class, () -> HistoryQuery.parse(null, "ten", null));

        assertThat(e.details()).containsExactly(new Problem("limit", "must be an integer, got 'ten'"));
    }

    @Test
    void should_read_a_search_text_of_at_most_200_characters() {
        assertThat(HistoryQuery.parse(null, null, null, "  nightly ")).isEqualTo(new HistoryQuery(null, 50, 0, "nightly"));
        assertThat(HistoryQuery.parse(null, null, null, " ")).isEqualTo(new HistoryQuery(null, 50, 0, null));
        RequestException e = catchThrowableOfType(RequestException.class, () -> HistoryQuery.parse(null, null, null, "x".repeat(201)));
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.body().toString()).contains("q");
    }
}
