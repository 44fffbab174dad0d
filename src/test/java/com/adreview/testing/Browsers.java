package com.adreview.testing;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/** Debian's headless Chromium for the console's browser tests, started the same way by each of them. */
public final class Browsers {

    /** Where the browser tests write their screenshots (the README's come from here). */
    public static final Path SCREENSHOTS = Path.of("target", "console-screenshots");

    private static final String CHROMIUM = "/usr/bin/chromium";
    private static final String CHROMEDRIVER = "/usr/bin/chromedriver";

    private Browsers() {}

    /**
     * A headless Chromium at 1366×1000 in Chinese; skipped with a notice where there is none (a machine with
     * only Java), required in CI.
     */
    public static ChromeDriver headlessChromium() throws IOException {
        Tools.require(
                new File(CHROMIUM).canExecute() && new File(CHROMEDRIVER).canExecute(),
                "Chromium (" + CHROMIUM + ") and its chromedriver (" + CHROMEDRIVER + ") for the console's browser"
                        + " tests",
                "sudo apt-get install -y chromium chromium-driver fonts-noto-cjk");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
                "--lang=zh-CN",
                "--window-size=1366,1000");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort()
                .build();
        Files.createDirectories(SCREENSHOTS);
        return new ChromeDriver(service, options);
    }
}
