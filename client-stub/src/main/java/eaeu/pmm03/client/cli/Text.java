package eaeu.pmm03.client.cli;

/** The few user-facing sentences of the tool in English and Russian (--lang en|ru). */
final class Text {

    private final boolean ru;

    Text(String lang) {
        this.ru = "ru".equalsIgnoreCase(lang);
    }

    String t(String en, String russian) {
        return ru ? russian : en;
    }

    String lang() {
        return ru ? "ru" : "en";
    }
}
