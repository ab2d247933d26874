import { describe, expect, it } from 'vitest';
import { archiveCategoryProblem, checkCategoryForm, type CategoryForm } from './category-form.ts';

const good: CategoryForm = {
	name: '  Home   cleaning ',
	slug: 'home',
	description: ' Weekly ',
	position: 1
};

describe('checkCategoryForm', () => {
	it('cleans a good form', () => {
		expect(checkCategoryForm(good, { slugTaken: false })).toEqual({
			ok: true,
			value: { name: 'Home cleaning', slug: 'home', description: 'Weekly', position: 1 }
		});
	});

	it('names every bad field at once', () => {
		const check = checkCategoryForm(
			{ name: ' ', slug: 'Home!', description: 'x'.repeat(1001), position: -1 },
			{ slugTaken: false }
		);
		expect(check).toEqual({
			ok: false,
			fields: {
				name: 'Give the name',
				slug: expect.stringMatching(/lower-case/),
				description: 'Keep the description to 1000 characters',
				position: 'Order must be a whole number, 0 to 9999'
			}
		});
	});

	it('says when another category has the web address', () => {
		expect(checkCategoryForm(good, { slugTaken: true })).toEqual({
			ok: false,
			fields: { slug: 'Another category already uses this web address' }
		});
	});
});

describe('archiveCategoryProblem', () => {
	it('lets an empty category go, not one with live services', () => {
		expect(archiveCategoryProblem(0)).toBeNull();
		expect(archiveCategoryProblem(1)).toBe('Archive or move its 1 active service first');
		expect(archiveCategoryProblem(3)).toBe('Archive or move its 3 active services first');
	});
});
