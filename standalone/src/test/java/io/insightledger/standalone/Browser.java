package io.insightledger.standalone;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Headless Chromium from Debian's packages, driven through Debian's chromedriver: both are installed by .ci/run,
 * and nothing is downloaded. A machine without them fails the browser tests with a message saying so.
 */
final class Browser implements AutoCloseable {

    private static final File CHROMIUM = new File("/usr/bin/chromium");
    private static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");

    private final ChromeDriver driver;
    private final String baseUrl;

    Browser(String baseUrl, Path profile) {
        if (!CHROMIUM.canExecute() || !CHROMEDRIVER.canExecute()) {
            throw new IllegalStateException("The browser tests need Debian's chromium and chromium-driver "
                    + "(apt-get install chromium chromium-driver; .ci/run installs them)");
        }
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM).addArguments(
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile.toAbsolutePath(), "--window-size=1280,900", "--lang=en-GB");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER)
                .usingAnyFreePort().build();
        this.driver = new ChromeDriver(service, options);
        this.baseUrl = baseUrl;
    }

    void open(String route) {
        driver.get(baseUrl + "/#" + route);
    }

    void signIn(String user, String password) {
        open("/login");
        type(By.id("login-user"), user);
        type(By.id("login-password"), password);
        click(By.id("login-submit"));
        waitFor(By.cssSelector(".columns"));
    }

    WebElement waitFor(By locator) {
        return new WebDriverWait(driver, Duration.ofSeconds(15))
                .until(ExpectedConditions.visibilityOfElementLocated(locator));
    }

    void waitForText(By locator, String text) {
        new WebDriverWait(driver, Duration.ofSeconds(15))
                .until(ExpectedConditions.textToBePresentInElementLocated(locator, text));
    }

    void waitForRoute(String prefix) {
        new WebDriverWait(driver, Duration.ofSeconds(15)).until(d -> currentRoute().startsWith(prefix));
    }

    String currentRoute() {
        String url = driver.getCurrentUrl();
        return url.contains("#") ? url.substring(url.indexOf('#') + 1) : "/";
    }

    void type(By locator, String text) {
        WebElement field = waitFor(locator);
        field.clear();
        field.sendKeys(text);
    }

    void choose(By locator, String visibleTextOrValue) {
        Select select = new Select(waitFor(locator));
        new WebDriverWait(driver, Duration.ofSeconds(15)).until(d -> select.getOptions().size() > 1
                || select.getOptions().stream().anyMatch(o -> visibleTextOrValue.equals(o.getAttribute("value"))));
        if (select.getOptions().stream().anyMatch(o -> visibleTextOrValue.equals(o.getAttribute("value")))) {
            select.selectByValue(visibleTextOrValue);
        } else {
            select.getOptions().stream().filter(o -> o.getText().contains(visibleTextOrValue)).findFirst()
                    .orElseThrow(() -> new AssertionError("No option with " + visibleTextOrValue)).click();
        }
    }

    void click(By locator) {
        WebElement element = new WebDriverWait(driver, Duration.ofSeconds(15))
                .until(ExpectedConditions.elementToBeClickable(locator));
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
        element.click();
    }

    /** The text of what the locator finds once it shows, read again if the page redraws it meanwhile. */
    String text(By locator) {
        return new WebDriverWait(driver, Duration.ofSeconds(15)).ignoring(StaleElementReferenceException.class)
                .until(d -> {
                    WebElement element = d.findElement(locator);
                    return element.isDisplayed() ? element.getText() : null;
                });
    }

    List<WebElement> all(By locator) {
        return driver.findElements(locator);
    }

    void width(int width) {
        driver.manage().window().setSize(new Dimension(width, 900));
    }

    /** How far the page is wider than the window: more than 0 means sideways scrolling. */
    long overflow() {
        return (Long) script("return document.documentElement.scrollWidth - window.innerWidth");
    }

    /** Every input, select and textarea on the page that no label (or aria-label) names. */
    @SuppressWarnings("unchecked")
    List<String> unlabelledControls() {
        return (List<String>) script("""
                return [...document.querySelectorAll('input, select, textarea')]
                  .filter(c => c.type !== 'hidden' && c.labels.length === 0 && !c.getAttribute('aria-label'))
                  .map(c => c.outerHTML);""");
    }

    /** A script that answers by calling its last argument, for what finishes later (a fetch). */
    Object asyncScript(String javascript) {
        return driver.executeAsyncScript(javascript);
    }

    Object script(String javascript, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(javascript, arguments);
    }

    /** The whole page, however long, at the current width. */
    void screenshot(Path file) {
        int width = driver.manage().window().getSize().getWidth();
        long height = (Long) script("return document.documentElement.scrollHeight");
        driver.manage().window().setSize(new Dimension(width, (int) Math.min(height, 6000)));
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            driver.manage().window().setSize(new Dimension(width, 900));
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
