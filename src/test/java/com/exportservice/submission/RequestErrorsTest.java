package com.exportservice.submission;

import com.exportservice.request.InvalidExportConfigException;
import com.exportservice.request.Problem;
import com.exportservice.status.ExportConflictException;
import com.exportservice.status.ExportNotFoundException;
import com.exportservice.status.TooManyExportsException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every foreseen failure of a request maps to the contract's status and code; anything else to a bare 500. */
class RequestErrorsTest {

    @Test
    void should_answer_an_invalid_request_400_with_every_problem_in_the_details() {
        List<Problem> problems = List.of(new Problem("data_types[0]", "unknown data type 'x'"), new Problem("batch_size", "too big"));

        RequestException e = RequestErrors.translate(new InvalidExportConfigException(problems));

        assertThat(e.status()).isEqualTo(400);
        assertThat(e.body()).isEqualTo(new ErrorBody("invalid_export_config",
                "the export request is invalid: 2 problem(s), see details", problems));
    }

    @Test
    void should_map_the_status_beans_refusals_to_404_409_and_429() {
        assertThat(RequestErrors.translate(new ExportNotFoundException("exp-1")))
                .extracting(RequestException::status, RequestException::code).containsExactly(404, "not_found");
        assertThat(RequestErrors.translate(new ExportConflictException("exp-1 is completed")))
                .extracting(RequestException::status, RequestException::code).containsExactly(409, "conflict");
        assertThat(RequestErrors.translate(new TooManyExportsException(100)))
                .extracting(RequestException::status, RequestException::code).containsExactly(429, "too_many_exports");
    }

    @Test
    void should_pass_an_answered_error_through_unchanged() {
        RequestException answered = new RequestException(400, "malformed_json", "the request body is empty");

        assertThat(RequestErrors.translate(answered)).isSameAs(answered);
    }

    @Test
    void should_answer_an_unforeseen_failure_500_without_its_message_or_stack() {
        RequestException e = RequestErrors.translate(new IllegalStateException("jdbc:postgresql://db/x password=secret"));

        assertThat(e.status()).isEqualTo(500);
        assertThat(e.body()).isEqualTo(new ErrorBody("internal_error", "the service failed to answer; see its log for details", List.of()));
    }
}
