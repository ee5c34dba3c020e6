import Testing
@testable import ArgoSyntax

private func parsed(_ source: String) -> DependsExpression? {
    if case .success(let expression) = DependsExpression.parse(source) { return expression }
    return nil
}

private func issues(_ source: String) -> [SyntaxIssue] {
    if case .failure(let failure) = DependsExpression.parse(source) { return failure.issues }
    return []
}

@Suite struct DependsExpressionTests {
    @Test func parsesOperandsWithRanges() throws {
        let expression = try #require(parsed("(task-a.Succeeded || b) && !c-2.Failed"))
        #expect(expression.operands.count == 3)
        let first = expression.operands[0]
        #expect(first.task == "task-a")
        #expect(first.result == .succeeded)
        #expect(first.taskRange == 1..<7)
        #expect(first.range == 1..<17)
        #expect(expression.operands[1].task == "b")
        #expect(expression.operands[1].result == nil)
        #expect(expression.operands[1].range == 21..<22)
        #expect(expression.operands[2].task == "c-2")
        #expect(expression.operands[2].result == .failed)
        #expect(expression.operands[2].taskRange == 28..<31)
        #expect(expression.operands[2].range == 28..<38)
        #expect(expression.referencedTasks == ["task-a", "b", "c-2"])
        guard case .and(let left, let right) = expression.root else {
            Issue.record("expected && at the root"); return
        }
        guard case .or = left else { Issue.record("expected || on the left"); return }
        guard case .not(_, let range) = right else { Issue.record("expected ! on the right"); return }
        #expect(range == 27..<38)
    }

    @Test func precedenceNotThenAndThenOr() throws {
        let expression = try #require(parsed("a || b && !c"))
        guard case .or(_, let right) = expression.root, case .and(_, let inner) = right, case .not = inner else {
            Issue.record("wrong tree: \(expression.root)"); return
        }
    }

    @Test func allEightResultsAndDigitNames() throws {
        let source = DependsResult.allCases.map { "t1.\($0.rawValue)" }.joined(separator: " || ")
        let expression = try #require(parsed(source))
        #expect(expression.operands.compactMap(\.result) == DependsResult.allCases)
        #expect(expression.referencedTasks == ["t1"])
        #expect(parsed("0abc && 9") != nil)
        #expect(parsed("  a\t&&\n b  ") != nil)
    }

    @Test func emptyExpression() {
        #expect(issues("").map(\.code) == [.dependsEmpty])
        #expect(issues("   ").first?.range == 0..<3)
    }

    @Test func unbalancedParenthesisPointsAtIt() {
        let open = issues("(a && b")
        #expect(open.map(\.code) == [.dependsUnbalancedParenthesis])
        #expect(open.first?.range == 0..<1)
        let close = issues("a && b)")
        #expect(close.first?.range == 6..<7)
        #expect(issues("((a) && b").first?.range == 0..<1)
    }

    @Test func trailingAndLeadingOperators() {
        let trailing = issues("a &&")
        #expect(trailing.map(\.code) == [.dependsTrailingOperator])
        #expect(trailing.first?.range == 2..<4)
        #expect(issues("a && !").first?.range == 5..<6)
        let leading = issues("|| a")
        #expect(leading.map(\.code) == [.dependsMissingOperand])
        #expect(leading.first?.range == 0..<2)
        #expect(issues("a && || b").first?.range == 5..<7)
        #expect(issues("()").first?.code == .dependsMissingOperand)
    }

    @Test func unexpectedTokenPointsAtIt() {
        let result = issues("a b")
        #expect(result.map(\.code) == [.dependsUnexpectedToken])
        #expect(result.first?.range == 2..<3)
        #expect(issues("(a b)").first?.range == 3..<4)
        let character = issues("a && b_c")
        #expect(character.first?.code == .dependsUnexpectedCharacter)
        #expect(character.first?.range == 6..<7)
    }

    @Test func wordOperatorsInOperatorPosition() {
        let and = issues("a and b")
        #expect(and.map(\.code) == [.dependsWordOperator])
        #expect(and.first?.range == 2..<5)
        #expect(and.first?.hint?.contains("&&") == true)
        #expect(issues("a OR b").first?.hint?.contains("||") == true)
        let not = issues("not a")
        #expect(not.first?.code == .dependsWordOperator)
        #expect(not.first?.range == 0..<3)
        // A task literally named `and` in operand position stays a task.
        let expression = parsed("and && or")
        #expect(expression?.referencedTasks == ["and", "or"])
    }

    @Test func singleAmpersandOrPipe() {
        let result = issues("a & b | c")
        #expect(result.map(\.code) == [.dependsUnexpectedCharacter, .dependsUnexpectedCharacter])
        #expect(result.map(\.range) == [2..<3, 6..<7])
    }

    @Test func badResultWordsSuggestTheRightOne() {
        let lower = issues("a.succeeded")
        #expect(lower.map(\.code) == [.dependsInvalidResult])
        #expect(lower.first?.range == 2..<11)
        #expect(lower.first?.message == "task result 'succeeded' for task 'a' is invalid")
        #expect(lower.first?.hint == "did you mean 'Succeeded'?")
        #expect(issues("a.Succeed").first?.hint == "did you mean 'Succeeded'?")
        #expect(issues("a.anysucceeded").first?.hint == "did you mean 'AnySucceeded'?")
        #expect(issues("a.Faild").first?.hint == "did you mean 'Failed'?")
        #expect(issues("a.Error").first?.hint == "did you mean 'Errored'?")
        #expect(issues("a.Banana").first?.hint?.hasPrefix("valid results:") == true)
        let missing = issues("a. && b")
        #expect(missing.first?.code == .dependsMissingResult)
        #expect(missing.first?.range == 1..<2)
    }

    @Test func collectsSeveralErrors() {
        let result = issues("a.succeeded and b.Faild")
        #expect(result.map(\.code) == [.dependsInvalidResult, .dependsWordOperator, .dependsInvalidResult])
    }

    @Test func multiByteTextBeforeTheError() {
        // "é" is two bytes and "😀" four, so '(' sits at byte 7 while being character 4.
        let result = issues("é😀 (a")
        #expect(result.map(\.range) == [0..<2, 2..<6, 7..<8])
        #expect(result.last?.code == .dependsUnbalancedParenthesis)
    }

    @Test func evaluatesBareAndResultOperands() throws {
        let expression = try #require(parsed("a && !b.Failed"))
        let states: [String: Set<DependsResult>] = ["a": [.skipped], "b": [.succeeded]]
        #expect(expression.evaluate { task, result in states[task]?.contains(result) ?? false })
        let failedB: [String: Set<DependsResult>] = ["a": [.succeeded], "b": [.failed]]
        #expect(!expression.evaluate { task, result in failedB[task]?.contains(result) ?? false })
    }

    @Test func bareTaskHonoursContinueOn() throws {
        let expression = try #require(parsed("a"))
        let failed: (String, DependsResult) -> Bool = { _, result in result == .failed }
        let errored: (String, DependsResult) -> Bool = { _, result in result == .errored }
        #expect(!expression.evaluate(result: failed))
        #expect(expression.evaluate(continueOn: { _ in DependsContinueOn(failed: true) }, result: failed))
        #expect(!expression.evaluate(continueOn: { _ in DependsContinueOn(failed: true) }, result: errored))
        #expect(expression.evaluate(continueOn: { _ in DependsContinueOn(error: true) }, result: errored))
        #expect(expression.evaluate { _, result in result == .daemoned })
        #expect(!expression.evaluate { _, result in result == .omitted })
    }

    @Test func orShortCircuitsLikeBooleanLogic() throws {
        let expression = try #require(parsed("a.Failed || (b && c.Skipped)"))
        #expect(expression.evaluate { task, result in task == "a" && result == .failed })
        #expect(expression.evaluate { task, result in
            (task == "b" && result == .succeeded) || (task == "c" && result == .skipped)
        })
        #expect(!expression.evaluate { _, _ in false })
    }
}
