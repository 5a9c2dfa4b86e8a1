package com.exportservice.security;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SecretTextTest {
    @Test
    void should_mask_passwords_in_every_jdbc_url_form() {
        assertThat(SecretText.redactUrl("jdbc:postgresql://db:5432/app?user=u&password=S3cret!&ssl=true"))
                .isEqualTo("jdbc:postgresql://db:5432/app?user=u&password=***&ssl=true");
        assertThat(SecretText.redactUrl("jdbc:mariadb://u:S3cret@db:3306/app")).isEqualTo("jdbc:mariadb://u:***@db:3306/app");
        assertThat(SecretText.redactUrl("jdbc:h2:file:/x;USER=sa;PASSWORD=S3cret;MODE=x")).isEqualTo("jdbc:h2:file:/x;USER=sa;PASSWORD=***;MODE=x");
        assertThat(SecretText.redactUrl("jdbc:postgresql://db/app")).isEqualTo("jdbc:postgresql://db/app");
    }

    @Test
    void should_mask_the_password_wherever_a_driver_repeats_it() {
        String url = "jdbc:postgresql://db/app?password=Pw-From-Url";

        String message = SecretText.redact("connect to db/app?password=Pw-From-Url failed; user x with Pw-Configured; Pw-From-Url",
                url, "Pw-Configured");

        assertThat(message).doesNotContain("Pw-From-Url", "Pw-Configured").contains("failed");
    }
}
