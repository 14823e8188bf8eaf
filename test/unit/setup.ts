import "fake-indexeddb/auto"

import { cleanup } from "@testing-library/react"
import { afterEach, beforeEach } from "vitest"

import { installFakeChrome } from "../support/fake-chrome"

beforeEach(() => {
  installFakeChrome()
})

afterEach(() => {
  cleanup()
})
