package com.exportservice.submission;

/** What started an export: the {@code trigger} of its status (contract section 9). */
public enum Trigger {
    HTTP("http"), FILE("file"), SCHEDULE("schedule"), CLI("cli");

    private final String jsonName;

    Trigger(String jsonName) {
        this.jsonName = jsonName;
    }

    public String jsonName() {
        return jsonName;
    }
}
