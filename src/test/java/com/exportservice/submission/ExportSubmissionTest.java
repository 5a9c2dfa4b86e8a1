package com.exportservice.submission;

import com.exportservice.config.DemoDataTypes;
import com.exportservice.request.InvalidExportConfigException;
import com.exportservice.request.Requests;
import com.exportservice.status.ExportStatus;
import com.exportservice.status.StatusTracker;
import com.exportservice.status.TooManyExportsException;
import com.exportservice.testsupport.InMemoryH2;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The one submission path on a real status bean and state store (in-memory H2); the engine's queue is a
 * list: what a trigger submits is checked, recorded pending and queued, or creates nothing.
 */
class ExportSubmissionTest {
    static final Path OUTPUT_ROOT = Path.of("/srv/exports");
    static final int MAX_CONCURRENT = 1;
    static final int MAX_PENDING = 2;

    final List<String> queued = new ArrayList<>();
    StatusTracker status;
    ExportSubmission submission;

    @BeforeEach
    void setUp() throws Exception {
        status = new StatusTracker(InMemoryH2.stateStore(), Clock.systemUTC(), MAX_CONCURRENT, MAX_PENDING);
        submission = new ExportSubmission(DemoDataTypes.DEMO, status, OUTPUT_ROOT);
        submission.connect(queued::add);
    }

    @Test
    void should_record_a_valid_request_pending_with_its_trigger_and_queue_it() {
        ExportStatus created = submission.submit(Requests.tree("{\"data_types\": [\"logs\"], \"name\": \"n\"}"), Trigger.HTTP);

        assertThat(created.status()).isEqualTo("pending");
        assertThat(created.trigger()).isEqualTo("http");
        assertThat(created.name()).isEqualTo("n");
        assertThat(queued).containsExactly(created.exportId());
        assertThat(status.directory(created.exportId())).isEqualTo(OUTPUT_ROOT.resolve(created.exportId()));
        assertThat(status.configJson(created.exportId())).contains("\"data_types\":[\"logs\"]");
    }

    @Test
    void should_create_and_queue_nothing_for_an_invalid_request() {
        assertThatThrownBy(() -> submission.submit(Requests.tree("{\"data_types\": [\"nope\"]}"), Trigger.FILE))
                .isInstanceOf(InvalidExportConfigException.class);

        assertThat(queued).isEmpty();
        assertThat(status.count(null)).isZero();
    }

    @Test
    void should_create_and_queue_nothing_when_the_queue_is_full() {
        // one export takes the free slot, the others wait up to the bound
        int room = MAX_CONCURRENT + MAX_PENDING;
        for (int i = 0; i < room; i++) {
            submission.submit(Requests.tree("{\"data_types\": [\"logs\"]}"), Trigger.HTTP);
        }

        assertThatThrownBy(() -> submission.submit(Requests.tree("{\"data_types\": [\"logs\"]}"), Trigger.HTTP))
                .isInstanceOf(TooManyExportsException.class);

        assertThat(queued).hasSize(room);
        assertThat(status.count(null)).isEqualTo(room);
    }

    @Test
    void should_write_a_command_line_export_under_the_directory_it_names() {
        ExportStatus created = submission.submit(Requests.tree("{\"data_types\": [\"events\"]}"), Trigger.CLI, Path.of("/tmp/out"));

        assertThat(created.trigger()).isEqualTo("cli");
        assertThat(status.directory(created.exportId())).isEqualTo(Path.of("/tmp/out").resolve(created.exportId()));
    }

    @Test
    void should_record_the_schedule_that_submitted_an_export() {
        ExportStatus created = submission.submitScheduled(Requests.tree("{\"data_types\": [\"logs\"]}"), "nightly",
                Map.of("logs", "41"));

        assertThat(created.trigger()).isEqualTo("schedule");
        assertThat(status.scheduleId(created.exportId())).isEqualTo("nightly");
        assertThat(status.directory(created.exportId())).isEqualTo(OUTPUT_ROOT.resolve(created.exportId()));
        assertThat(queued).containsExactly(created.exportId());
    }

    @Test
    void should_queue_an_export_again_when_asked() {
        submission.enqueue("exp-retried");

        assertThat(queued).containsExactly("exp-retried");
    }
}
